#pragma once
// The page-size logic of one kernel version as the checker drives it: the IOMMU core's
// split (iommu_split.h) and a VFIO type1 container (vfio_type1.h) with that version's rules.
#include "impl/pagesize/dma_granule.h"
#include "impl/pagesize/iommu_split.h"
#include "impl/pagesize/sgtable_round_trip.h"
#include "impl/pagesize/vfio_type1.h"
#include "model/pagesize/page_size_logic.h"

namespace dmacheck::impl::pagesize {

class PageSizeStack final : public PageSizeLogic {
 public:
  PageSizeStack(const VfioConfig& config, const Rules& rules)
      : rules_(rules), vfio_(config, rules), hostPage_(std::uint64_t{1} << config.cpuPageShift),
        granule_(config.domains.at(0) & -config.domains.at(0)),
        secondGranule_(config.domains.back() & -config.domains.back()) {}

  std::optional<std::vector<PageRun>> iommuMap(PageSizes bitmap, std::uint64_t iova, std::uint64_t paddr,
                                               std::uint64_t size) override {
    auto split = iommuMapSplit(bitmap, iova, paddr, size, rules_);
    if (!split) return std::nullopt;
    return split->runs;
  }
  Errno vfioMap(const VfioMap& request) override { return vfio_.map(request); }
  VfioUnmapResult vfioUnmap(const VfioUnmap& request) override { return vfio_.unmap(request); }
  DeviceMapResult deviceMap(std::uint64_t phys, std::uint64_t size, bool untrusted) override {
    return dmaMapPage(granule_, hostPage_, phys, size, untrusted, rules_.granule);
  }
  SgtableRoundTrip sgtableRoundTrip(std::uint64_t size, bool untrusted) override {
    return pagesize::sgtableRoundTrip({hostPage_, granule_, secondGranule_}, size, untrusted, rules_);
  }
  std::vector<VfioMapping> vfioMappings() const override { return vfio_.mappings(); }
  std::uint64_t lockedPages() const override { return vfio_.lockedPages(); }

 private:
  Rules rules_;
  VfioType1 vfio_;
  std::uint64_t hostPage_, granule_, secondGranule_;  // granules: the first and the last domain's smallest page
};

}  // namespace dmacheck::impl::pagesize
