#include "impl/pagesize/dma_granule.h"

namespace dmacheck::impl::pagesize {

namespace {

constexpr std::uint64_t kIovaBase = 1ULL << 32;   // where this device's IOVA allocator hands out space
constexpr std::uint64_t kBounceBase = 1ULL << 40; // swiotlb's pool, as the device sees it

}  // namespace

DeviceMapResult dmaMapPage(std::uint64_t granule, std::uint64_t hostPage, std::uint64_t phys, std::uint64_t size,
                           bool untrusted, GranuleRule rule) {
  using Kind = DeviceMapResult::Kind;
  if (granule > hostPage && rule == GranuleRule::RefuseAbovePage) return {Kind::Refused};
  if (granule > hostPage && rule == GranuleRule::BypassAbovePage) return {Kind::Bypass, phys};
  const std::uint64_t offset = phys & (granule - 1);
  const std::uint64_t length = (offset + size + granule - 1) & ~(granule - 1);
  const bool rounded = offset != 0 || length != size;
  if (untrusted && rounded) {
    if (granule <= hostPage) return {Kind::Bounced, kBounceBase + offset};  // swiotlb, padding zeroed (v6.10)
    if (rule == GranuleRule::RoundToGranule) return {Kind::Refused};          // v2 2/8: fail unaligned maps
  }
  return {Kind::Mapped, kIovaBase + offset, kIovaBase, phys - offset, length};
}

}  // namespace dmacheck::impl::pagesize
