#pragma once
// The IOVA target's interface types, shared by the model (the spec), the implementations
// and the checker: the domain configuration, the requests, the simulated IOMMU hardware
// an implementation drives, and KernelBug. Types only; no allocation logic lives here.
#include <cstdint>
#include <stdexcept>
#include <string>

namespace dmacheck::iova {

enum class QueueKind { PerCpu, Single };  // dma-iommu flush queues: one per CPU, or one (v6.7+)

// An IOVA domain as dma-iommu sets it up (docs/iova.md). Every quantity is in
// granules (IOMMU pages); pfn = IOVA >> granuleShift.
struct Config {
  std::uint32_t granuleShift = 12;       // smallest IOMMU page size: 4K
  std::uint64_t startPfn = 1;            // first allocatable pfn (dma-iommu: at least 1, never IOVA 0)
  std::uint64_t dma32Pfn = 1ULL << 20;   // dma_32bit_pfn: first pfn at or above 4 GiB (a parameter here)
  std::uint64_t endPfn = (1ULL << 20) - 1;  // last pfn of the aperture (inclusive)
  bool lazy = false;                     // IOMMU_DOMAIN_DMA_FQ (lazy unmap) rather than strict
  QueueKind queue = QueueKind::PerCpu;
  std::uint32_t fqSize = 256;            // ring entries (one stays unused)
  std::uint32_t fqTimeoutMs = 10;
  std::uint32_t cpus = 2;
  std::uint32_t magSize = 127;           // IOVA_MAG_SIZE (128 before v6.5); small values reach depot paths
  std::uint32_t depotMax = 32;           // MAX_GLOBAL_MAGS of the array depot (before v6.7)
};

// iommu_dma_alloc_iova(): `size` granules, at most `limitPfn` (inclusive, from the DMA mask).
// Size-aligned requests go through alloc_iova_fast() (range caches); others through alloc_iova().
struct MapRequest {
  std::uint64_t size = 1;
  std::uint64_t limitPfn = 0;
  bool sizeAligned = true;
  std::uint32_t cpu = 0;
};

// The unmap of `size` granules at `pfn`. A size-aligned allocation goes back through
// free_iova_fast() (range caches, flush queue); any other through free_iova().
struct UnmapRequest {
  std::uint64_t pfn = 0;
  std::uint64_t size = 1;
  bool sizeAligned = true;
  std::uint32_t cpu = 0;
};

struct UnmapResult {
  bool warned = false;  // the WARN a kernel developer would see (e.g. "unmapped != size")
  std::string log;      // what the code printed, as the kernel's log has it; empty: the checker words it
};

// The IOMMU seen by the allocator: page tables and IOTLB. The checker implements it and
// watches every call: that is how it knows which IOVAs may still be cached in the IOTLB.
class IommuHardware {
 public:
  virtual ~IommuHardware() = default;
  virtual bool mapPages(std::uint64_t pfn, std::uint64_t count) = 0;       // false: already mapped (-EEXIST)
  virtual std::uint64_t unmapPages(std::uint64_t pfn, std::uint64_t count) = 0;  // granules really cleared
  virtual void flushAll() = 0;                                             // flush_iotlb_all / global RPCIT
  virtual void flushRange(std::uint64_t pfn, std::uint64_t count) = 0;     // iotlb_sync of a strict unmap
  virtual std::uint64_t nowMs() const = 0;                                 // the simulated clock
};

// The implementation hit a BUG_ON (or another fatal path): the kernel would have crashed.
class KernelBug : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace dmacheck::iova
