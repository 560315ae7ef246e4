#pragma once
// dma-iommu's streaming map for a device whose IOMMU granule may exceed the CPU page
// (iommu_dma_map_page, docs/pagesize.md), written once and generic over the word type
// (impl/generic_word.h): dma_granule.cpp runs it, proofs/pagesize proves what an untrusted
// device can reach through it.
#include <cstdint>

#include "impl/generic_word.h"
#include "impl/pagesize/pagesize_rules.h"

namespace dmacheck::impl::pagesize {

// What the map did, as a word (so a solver can reason about it).
inline constexpr std::uint64_t kGranuleRefused = 0, kGranuleMapped = 1, kGranuleBounced = 2, kGranuleBypass = 3;

inline constexpr std::uint64_t kDeviceIovaBase = 1ULL << 32;  // where the device's IOVA allocator hands out space
inline constexpr std::uint64_t kBounceBase = 1ULL << 40;      // swiotlb's pool, as the device sees it

template <typename W>
struct GranuleMap {
  W outcome;                // kGranule*
  W dma;                    // the address handed to the device
  W iova, phys, length;     // mapped: the IOVA range the IOMMU translates, to this physical range
};

template <typename W>
GranuleMap<W> granuleMap(W granule, W hostPage, W phys, W size, Cond<W> untrusted, GranuleRule rule) {
  const Cond<W> above = granule > hostPage;
  const W offset = phys & (granule - W(1));
  const W length = (offset + size + granule - W(1)) & ~(granule - W(1));
  const Cond<W> rounded = offset != W(0) || length != size;
  // Untrusted and rounded: swiotlb bounces (padding zeroed) when it can align to the granule,
  // that is up to PAGE_SIZE; above it, v2 2/8 fails the map and the other rules map anyway.
  const Cond<W> bounce = untrusted && rounded && !above;
  const Cond<W> failUnaligned = untrusted && rounded && above && truth<W>(rule == GranuleRule::RoundToGranule);
  const W mapped = select(bounce, W(kGranuleBounced), select(failUnaligned, W(kGranuleRefused), W(kGranuleMapped)));
  W outcome = mapped;
  if (rule == GranuleRule::RefuseAbovePage) outcome = select(above, W(kGranuleRefused), mapped);  // the BUG_ON
  if (rule == GranuleRule::BypassAbovePage) outcome = select(above, W(kGranuleBypass), mapped);   // apple-dart
  const W dma = select(outcome == W(kGranuleBypass), phys,
                       select(outcome == W(kGranuleBounced), W(kBounceBase) + offset, W(kDeviceIovaBase) + offset));
  return {outcome, dma, W(kDeviceIovaBase), phys - offset, length};
}

}  // namespace dmacheck::impl::pagesize
