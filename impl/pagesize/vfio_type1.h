#pragma once
// Our re-implementation of VFIO type1's map and unmap (drivers/vfio/vfio_iommu_type1.c,
// docs/pagesize.md): the user-visible page-size bitmap from the attached domains, the
// checks of VFIO_IOMMU_MAP_DMA in the kernel's order, v1 and v2 unmap, and the locked-page
// accounting, done per vfio_dma as the kernel does (each pins the host pages it spans).
#include <map>
#include <vector>

#include "impl/pagesize/pagesize_rules.h"
#include "model/pagesize/api.h"

namespace dmacheck::impl::pagesize {

using namespace dmacheck::pagesize;

class VfioType1 {
 public:
  VfioType1(const VfioConfig& config, const Rules& rules);

  Errno map(const VfioMap& request);
  VfioUnmapResult unmap(const VfioUnmap& request);

  std::vector<VfioMapping> mappings() const;
  std::uint64_t lockedPages() const { return locked_; }    // mm->locked_vm charged by this container

 private:
  struct Dma {
    std::uint64_t iova, vaddr, size;
  };
  using Node = std::map<std::uint64_t, Dma>::iterator;
  std::uint64_t computeBitmap(const VfioConfig& config) const;
  Node findDma(std::uint64_t start, std::uint64_t size);  // vfio_find_dma: some overlapping mapping
  void removeDma(Node dma);

  Rules rules_;
  std::uint64_t hostPage_;
  std::uint64_t bitmap_;
  std::uint32_t entryLimit_;
  bool v2_;
  std::map<std::uint64_t, Dma> dmas_;  // by iova
  std::map<std::uint64_t, std::uint32_t> pinCount_;  // host page -> mappings pinning it
  std::uint64_t locked_ = 0;
};

}  // namespace dmacheck::impl::pagesize
