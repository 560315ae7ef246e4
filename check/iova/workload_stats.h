#pragma once
// What a workload costs under one unmap setting: IOTLB flushes per 1,000 unmaps, how soon
// an unmapped IOVA is handed out again, how many ranges wait in the flush queues. Runs the
// implementation alone against the simulated IOMMU (no model: a 100,000-I/O run would
// spend its time in the checker's per-step accounting), which still catches what the
// hardware sees go wrong: a map into a stale IOTLB entry (FQ-SAFE) or onto a mapped page
// (I-DISJ). `dmacheck workload --check` runs the whole checker as well.
#include <cstdint>
#include <string>
#include <vector>

#include "model/iova/allocator.h"
#include "check/iova/ops.h"

namespace dmacheck::iova {

struct Percentiles {
  double min = 0, p10 = 0, median = 0, p90 = 0;
};

struct WorkloadStats {
  std::uint64_t maps = 0, refused = 0, unmaps = 0;
  std::uint64_t flushAll = 0, flushRange = 0;
  std::uint64_t reusedMaps = 0;          // maps that got a pfn unmapped earlier in the run
  Percentiles reuseMs;                   // simulated ms from that unmap to the new map
  Percentiles reuseUnmaps;               // unmaps in between
  std::uint64_t peakQueued = 0;          // ranges waiting in flush queues (sampled each ms)
  std::uint64_t staleMaps = 0;           // FQ-SAFE broken: a map over a pfn the IOTLB may hold
  std::uint64_t collisions = 0;          // I-DISJ broken: iommu_map found the page mapped
  double seconds = 0;
  double flushesPer1000Unmaps() const;
};

// Runs map, unmap and tick operations (what workload.h emits); throws InputError on others.
WorkloadStats measureWorkload(const Scenario& scenario, const AllocatorFactory& make);

}  // namespace dmacheck::iova
