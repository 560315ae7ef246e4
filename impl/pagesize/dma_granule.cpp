#include "impl/pagesize/dma_granule.h"

#include "impl/pagesize/granule_rules.h"

namespace dmacheck::impl::pagesize {

DeviceMapResult dmaMapPage(std::uint64_t granule, std::uint64_t hostPage, std::uint64_t phys, std::uint64_t size,
                           bool untrusted, GranuleRule rule) {
  using Kind = DeviceMapResult::Kind;
  const auto m = granuleMap(granule, hostPage, phys, size, untrusted, rule);
  switch (m.outcome) {
    case kGranuleMapped: return {Kind::Mapped, m.dma, m.iova, m.phys, m.length};
    case kGranuleBounced: return {Kind::Bounced, m.dma};
    case kGranuleBypass: return {Kind::Bypass, m.dma};
    default: return {Kind::Refused};
  }
}

}  // namespace dmacheck::impl::pagesize
