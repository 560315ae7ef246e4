#pragma once
// Our re-implementation of dma-iommu's flush queue (docs/iova.md): rings of unmapped
// ranges tagged with the flush-start counter read at queue time; an entry is freed once a
// flush that started after it has finished. One ring per CPU, or one for the domain, with
// a timer that flushes everything fq_timeout ms after the first queued entry.
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "impl/iova/iova_rules.h"
#include "model/iova/allocator.h"

namespace dmacheck::impl::iova {

// How many rings a domain gets: one per CPU, or one for the domain where the version has
// the single queue (v6.7) and the configuration asks for it.
inline std::uint32_t flushQueueCount(const dmacheck::iova::Config& c, const Rules& r) {
  return c.queue == dmacheck::iova::QueueKind::Single && r.singleQueue ? 1 : c.cpus;
}

class FlushQueue {
 public:
  struct Entry {
    std::uint64_t pfn = 0, pages = 0, counter = 0;
    std::uint32_t cpu = 0;  // who unmapped it (the range cache it goes back to)
  };
  // `flushIotlb` runs an IOTLB invalidation; `release` frees an entry's IOVA (free_iova_fast).
  FlushQueue(std::uint32_t queues, std::uint32_t size, std::uint64_t timeoutMs, std::function<void()> flushIotlb,
             std::function<void(const Entry&)> release);

  void queue(std::uint64_t pfn, std::uint64_t pages, std::uint32_t cpu, std::uint64_t nowMs);  // queue_iova
  void clockAdvanced(std::uint64_t nowMs);  // fq_flush_timeout when due
  void flushAndDrain();                      // teardown: one flush, every entry freed
  void forget();                             // a re-initialisation that drops the rings' contents
  std::vector<dmacheck::iova::PfnRange> contents() const;

 private:
  struct Ring {
    std::vector<Entry> entries;
    std::uint32_t head = 0, tail = 0;
  };
  void flushIotlb();
  void ringFree(Ring& ring);
  bool full(const Ring& ring) const { return (ring.tail + 1) % ring.entries.size() == ring.head; }

  std::vector<Ring> rings_;
  std::uint64_t timeoutMs_;
  std::function<void()> flushIotlb_;
  std::function<void(const Entry&)> release_;
  std::uint64_t startCount_ = 0, finishCount_ = 0;
  std::optional<std::uint64_t> timerAtMs_;
};

}  // namespace dmacheck::impl::iova
