#include "impl/iova/flush_queue.h"

#include "base/step_budget.h"
#include "impl/iova/flush_rule.h"

namespace dmacheck::impl::iova {

FlushQueue::FlushQueue(std::uint32_t queues, std::uint32_t size, std::uint64_t timeoutMs,
                       std::function<void()> flushIotlb, std::function<void(const Entry&)> release)
    : rings_(queues), timeoutMs_(timeoutMs), flushIotlb_(std::move(flushIotlb)), release_(std::move(release)) {
  for (Ring& ring : rings_) ring.entries.resize(size);
}

void FlushQueue::flushIotlb() {
  ++startCount_;
  flushIotlb_();
  ++finishCount_;
}

// fq_ring_free(): entries whose counter is below the finished-flush count are covered by
// a flush that started after they were queued.
void FlushQueue::ringFree(Ring& ring) {
  while (ring.head != ring.tail && entryReclaimable(ring.entries[ring.head].counter, finishCount_)) {
    StepBudget::charge("fq_ring_free()");
    release_(ring.entries[ring.head]);
    ring.head = (ring.head + 1) % ring.entries.size();
  }
}

void FlushQueue::queue(std::uint64_t pfn, std::uint64_t pages, std::uint32_t cpu, std::uint64_t nowMs) {
  Ring& ring = rings_[rings_.size() == 1 ? 0 : cpu];
  ringFree(ring);
  if (full(ring)) {
    flushIotlb();
    ringFree(ring);
  }
  ring.entries[ring.tail] = {pfn, pages, queuedEntryCounter(startCount_, finishCount_), cpu};
  ring.tail = (ring.tail + 1) % ring.entries.size();
  if (!timerAtMs_) timerAtMs_ = nowMs + timeoutMs_;
}

void FlushQueue::clockAdvanced(std::uint64_t nowMs) {
  if (!timerAtMs_ || nowMs < *timerAtMs_) return;
  timerAtMs_.reset();
  flushIotlb();
  for (Ring& ring : rings_) ringFree(ring);
}

void FlushQueue::flushAndDrain() {
  timerAtMs_.reset();
  flushIotlb();
  for (Ring& ring : rings_) ringFree(ring);
}

void FlushQueue::forget() {
  for (Ring& ring : rings_) ring.head = ring.tail = 0;
}

std::vector<dmacheck::iova::PfnRange> FlushQueue::contents() const {
  std::vector<dmacheck::iova::PfnRange> out;
  for (const Ring& ring : rings_)
    for (std::uint32_t i = ring.head; i != ring.tail; i = (i + 1) % ring.entries.size())
      out.push_back({ring.entries[i].pfn, ring.entries[i].pfn + ring.entries[i].pages - 1});
  return out;
}

}  // namespace dmacheck::impl::iova
