#include "impl/pagesize/sgtable_round_trip.h"

#include <algorithm>
#include <optional>

#include "base/step_budget.h"
#include "impl/pagesize/granule_rules.h"

namespace dmacheck::impl::pagesize {

namespace {

using dmacheck::pagesize::PhysRange;
using dmacheck::pagesize::Translation;
using dmacheck::pagesize::MapOutcome;

constexpr std::uint64_t kAllocBase = 1ULL << 36;  // where the page allocator hands out blocks

std::uint64_t alignUp(std::uint64_t x, std::uint64_t unit) { return (x + unit - 1) & ~(unit - 1); }

bool aboveHostPage(std::uint64_t granule, const RoundTripDevices& d) { return granule > d.hostPage; }

// dma_alloc_coherent on the first device: the buffer's memory as the CPU sees it, and the
// first page of the block that holds it (what the remap path's pages[] array starts with).
struct Allocation {
  std::vector<PhysRange> buffer;
  std::uint64_t blockStart = 0;
};

std::optional<Allocation> allocate(const RoundTripDevices& d, std::uint64_t size, const Rules& rules) {
  const std::uint64_t pages = alignUp(size, d.hostPage), granule = d.firstGranule;
  if (aboveHostPage(granule, d) && rules.granule == GranuleRule::RefuseAbovePage) return std::nullopt;
  if (aboveHostPage(granule, d) && rules.granule == GranuleRule::BypassAbovePage)
    return Allocation{{{kAllocBase, pages}}, kAllocBase};  // dma-direct: physically contiguous
  if (aboveHostPage(granule, d) && pages < granule)  // v2 5/8: pages inside a granule block others own
    return Allocation{{{kAllocBase + d.hostPage, pages}}, kAllocBase};
  // The remap path: blocks of max(page, granule) bytes, every other one (the gaps belong to others).
  const std::uint64_t block = std::max(d.hostPage, granule);
  Allocation a{{}, kAllocBase};
  for (std::uint64_t done = 0; done < pages; done += block) {
    StepBudget::charge("the remap allocation's blocks");
    a.buffer.push_back({kAllocBase + 2 * done, std::min(block, pages - done)});
  }
  return a;
}

// dma_get_sgtable: refused above PAGE_SIZE (3/8); without 3/8 the remap path's pages[] starts
// at the granule block, which for a sub-granule allocation is not the buffer's first page.
std::optional<std::vector<PhysRange>> getSgtable(const RoundTripDevices& d, const Allocation& a, const Rules& rules) {
  const bool roundsToGranule = rules.granule == GranuleRule::RoundToGranule ||
                               rules.granule == GranuleRule::RoundToGranuleTrustAll;
  if (aboveHostPage(d.firstGranule, d) && roundsToGranule) {
    if (!rules.sgtableAboveGranule) return std::nullopt;  // -ENXIO
    if (a.buffer.size() == 1 && a.buffer.front().start != a.blockStart)
      return std::vector<PhysRange>{{a.blockStart, a.buffer.front().length}};
  }
  return a.buffer;
}

// dma_map_sgtable on the second device.
void mapOnSecond(const RoundTripDevices& d, bool untrusted, const Rules& rules, SgtableRoundTrip& t) {
  const std::uint64_t granule = d.secondGranule;
  if (aboveHostPage(granule, d) && rules.granule == GranuleRule::RefuseAbovePage) return;
  if (aboveHostPage(granule, d) && rules.granule == GranuleRule::BypassAbovePage) {
    t.second = MapOutcome::Bypass;
    t.segments = t.table;
    return;
  }
  bool rounded = false;
  for (const PhysRange& e : t.table) rounded = rounded || (e.start | e.length) & (granule - 1);
  if (untrusted && rounded) {
    if (aboveHostPage(granule, d)) {
      if (rules.granule == GranuleRule::RoundToGranule) return;  // v2 2/8: refused
    } else {  // every entry bounced into its own granule-aligned slot, padding zeroed
      t.second = MapOutcome::Bounced;
      std::uint64_t slot = kBounceBase;
      for (const PhysRange& e : t.table) {
        t.segments.push_back({slot, e.length});
        t.translations.push_back({slot, e.start, e.length});
        slot += alignUp(e.length, granule);
      }
      return;
    }
  }
  t.second = MapOutcome::Mapped;
  std::uint64_t iova = kDeviceIovaBase;
  bool previousEndsOnGranule = false;
  for (const PhysRange& e : t.table) {
    const std::uint64_t offset = e.start & (granule - 1), length = alignUp(offset + e.length, granule);
    t.translations.push_back({iova, e.start - offset, length});
    if (previousEndsOnGranule && offset == 0)
      t.segments.back().length += e.length;  // __finalise_sg: contiguous in IOVA, one DMA segment
    else
      t.segments.push_back({iova + offset, e.length});
    previousEndsOnGranule = ((e.start + e.length) & (granule - 1)) == 0;
    iova += length;
  }
}

}  // namespace

SgtableRoundTrip sgtableRoundTrip(const RoundTripDevices& d, std::uint64_t size, bool untrusted, const Rules& rules) {
  SgtableRoundTrip t;
  const auto allocation = allocate(d, size, rules);
  if (!allocation) return t;
  t.allocated = true;
  t.buffer = allocation->buffer;
  const auto table = getSgtable(d, *allocation, rules);
  t.tableRefused = !table;
  if (!table) return t;
  t.table = *table;
  mapOnSecond(d, untrusted, rules, t);
  return t;
}

}  // namespace dmacheck::impl::pagesize
