#pragma once
// The flush queue's counter rule (docs/iova.md), written once and generic over the
// word type (impl/generic_word.h): FlushQueue runs it, proofs/iova proves that it implies
// FQ-SAFE over every interleaving of concurrent flushes.
#include "impl/generic_word.h"

namespace dmacheck::impl::iova {

// queue_iova(): the entry is tagged with fq_flush_start_cnt, read after the PTEs are cleared.
template <typename W>
W queuedEntryCounter(W flushStartCount, W /*flushFinishCount*/) {
  return flushStartCount;
}

// fq_ring_free(): the entry may be freed once more flushes have finished than had started
// when it was queued.
template <typename W>
Cond<W> entryReclaimable(W entryCounter, W flushFinishCount) {
  return entryCounter < flushFinishCount;
}

}  // namespace dmacheck::impl::iova
