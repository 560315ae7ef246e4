#pragma once
// THE SPEC of the IOVA lifecycle (dmacheck's reference model). Slow and plain on purpose:
// it keeps what a client can see (live allocations, reserved ranges, unmapped ranges not
// yet known to be free) as interval lists and answers "was this answer allowed?" by
// enumerating candidates. It shares no helper with impl/: one bug cannot hit both.
//
// What it promises, and the exceptions it grants, exactly:
// * A size-aligned request of n granules takes n rounded up to a power of two when n is
//   below 32 (dma-iommu rounds so that the range caches work) and starts at a multiple of
//   n rounded up to a power of two. An unaligned request takes exactly n.
// * Strict unmap frees at once. A lazy unmap frees within fq_timeout ms: the timer armed by
//   the first queued entry fires by then, so until then the range is only "maybe free".
// * I-COMPLETE: a size-aligned request may fail only if no free placement exists, counting
//   range-cached IOVAs as free (alloc_iova_fast empties the caches and retries). An
//   unaligned request (alloc_iova) does not empty the caches: IOVAs freed through the
//   fast path may stay cached, so they do not count for it.
// * The 32-bit shortcut (max32_alloc_size): after a request of m granules failed under a
//   limit L, a request under a limit <= L below dma_32bit_pfn that needs at least as much
//   (size >= m, and aligned if that one was) may fail without a search, until some IOVA
//   below dma_32bit_pfn is freed. Each such failure is implied by the earlier one, so the
//   shortcut loses nothing. The kernel's shortcut is wider (it ignores L and alignment):
//   the difference is reported as I-COMPLETE (finding IOVA-MAX32-LIMIT). Since the shortcut
//   starts at dma_32bit_pfn granules, a request for the whole 32-bit space may always fail.
// * Client errors: an unmap of a range that is neither live nor reserved (a double unmap,
//   an IOVA never mapped, IOVA 0) must be reported and change nothing. An unmap whose range
//   overlaps a live or reserved range cannot be told apart from a valid one by any
//   allocator (the stale handle names someone else's IOVA): such steps are not judged.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/iova/allocator.h"
#include "model/iova/api.h"

namespace dmacheck::iova::model {

struct Finding {  // a broken promise: invariant id and what happened, with values
  std::string invariant;
  std::string detail;
};

enum class UnmapKind { ClientError, Unjudged };

class LifecycleSpec {
 public:
  explicit LifecycleSpec(const Config& config);

  std::uint64_t grantSize(const MapRequest& r) const;    // granules the request takes
  std::uint64_t alignmentOf(const MapRequest& r) const;  // 1 for unaligned requests

  // A granted map starting at `lo`: what it breaks (I-LIMIT, I-DISJ, I-ALIGN).
  std::vector<Finding> judgeGrant(const MapRequest& r, std::uint64_t lo) const;
  // A refused map: the placement that was free (I-COMPLETE), unless a failure was allowed.
  std::optional<Finding> judgeRefusal(const MapRequest& r) const;

  void recordGrant(int id, const MapRequest& r, std::uint64_t lo);
  void recordRefusal(const MapRequest& r);
  // What an unmap at `lo` of a stale or bogus handle to an allocation made with `r` is (its
  // whole grant is freed): a client error when that range is neither live nor reserved, else
  // unjudged. A live allocation's own unmap is recordUnmap().
  UnmapKind classifyUnmap(const MapRequest& r, std::uint64_t lo) const;
  void recordUnmap(int id);                 // the live allocation `id` was unmapped
  void recordReserve(std::uint64_t lo, std::uint64_t hi);
  void recordSwitchToLazy() { lazy_ = true; }
  void clockIs(std::uint64_t nowMs);        // expires "maybe free" ranges whose timer has fired

  std::vector<PfnRange> liveRanges() const;       // sorted by lo
  std::vector<PfnRange> reservedRanges() const;   // as reserved (may overlap)

 private:
  struct Held {
    int id;
    std::uint64_t lo, hi;
    bool fastPath;  // freed through free_iova_fast: may sit in a range cache
  };
  struct Failure {
    std::uint64_t size, limit;
    bool aligned;
  };
  struct Unmapped {
    std::uint64_t lo, hi, freeByMs;
    bool fastPath;
  };
  bool overlapsHeld(std::uint64_t lo, std::uint64_t hi) const;
  bool shortcutMayFail(const MapRequest& r) const;
  std::optional<std::uint64_t> freePlacement(const MapRequest& r) const;
  void freed(std::uint64_t lo, std::uint64_t hi, bool fastPath);

  Config config_;
  bool lazy_;
  std::uint64_t now_ = 0;
  std::vector<Held> live_;
  std::vector<PfnRange> reserved_;
  std::vector<Unmapped> maybeFree_;     // lazily unmapped, timer not yet due
  std::vector<PfnRange> fastFreed_;     // freed through the fast path (maybe range-cached)
  std::vector<Failure> failures_;       // since an IOVA below dma_32bit_pfn was last freed
};

}  // namespace dmacheck::iova::model
