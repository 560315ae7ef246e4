#include "impl/pagesize/vfio_type1.h"

#include "base/step_budget.h"
#include "impl/pagesize/vfio_rules.h"

namespace dmacheck::impl::pagesize {

VfioType1::VfioType1(const VfioConfig& config, const Rules& rules)
    : rules_(rules), hostPage_(std::uint64_t{1} << config.cpuPageShift), bitmap_(computeBitmap(config)),
      entryLimit_(config.dmaEntryLimit), v2_(config.v2) {}

std::uint64_t VfioType1::computeBitmap(const VfioConfig& config) const {
  std::uint64_t common = ~std::uint64_t{0};
  for (PageSizes d : config.domains) common &= d;
  return userPageSizes(common, hostPage_, rules_.vfioBitmap);
}

// The rbtree walk as an in-order scan, with vfio_find_dma's own two tests: mappings the probe
// starts after are skipped; at the first other one, the probe either ends before it (no
// mapping overlaps) or overlaps it.
VfioType1::Node VfioType1::findDma(std::uint64_t start, std::uint64_t size) {
  const bool byLastByte = rules_.searchByLastByte;
  for (Node it = dmas_.begin(); it != dmas_.end(); ++it) {
    const Dma& d = it->second;
    if (!probeStartsAfter(start, d.iova, d.size, byLastByte)) {
      if (probeEndsBefore(start, size, d.iova, byLastByte)) break;
      return it;
    }
  }
  return dmas_.end();
}

// vfio_dma_do_map(): the checks in the kernel's order, then pin and account.
Errno VfioType1::map(const VfioMap& r) {
  if (!mapArgumentsValid(bitmap_, r.iova, r.vaddr, r.size)) return Errno::Inval;
  if (findDma(r.iova, r.size) != dmas_.end()) return Errno::Exist;
  if (dmas_.size() >= entryLimit_) return Errno::NoSpc;
  const Dma dma{r.iova, r.vaddr, r.size};
  for (std::uint64_t p = r.vaddr / hostPage_; p <= (r.vaddr + r.size - 1) / hostPage_; ++p) {
    StepBudget::charge("vfio_pin_pages_remote()");
    const bool firstPin = pinCount_[p]++ == 0;
    if (!rules_.accountHostPagesOnce || firstPin) ++locked_;
  }
  dmas_.emplace(r.iova, dma);
  return Errno::Ok;
}

void VfioType1::removeDma(Node it) {
  const Dma& d = it->second;
  for (std::uint64_t p = d.vaddr / hostPage_; p <= (d.vaddr + d.size - 1) / hostPage_; ++p) {
    StepBudget::charge("vfio_unpin_pages_remote()");
    const bool lastPin = --pinCount_[p] == 0;
    if (lastPin) pinCount_.erase(p);
    if (!rules_.accountHostPagesOnce || lastPin) --locked_;
  }
  dmas_.erase(it);
}

// vfio_dma_do_unmap().
VfioUnmapResult VfioType1::unmap(const VfioUnmap& r) {
  if (bitmap_ == 0) return {Errno::Inval, 0};
  const std::uint64_t mask = userAlignMask(bitmap_);
  std::uint64_t iova = r.iova, size = r.size;
  if (iova & mask) return {Errno::Inval, 0};
  if (r.all) {
    if (iova || size) return {Errno::Inval, 0};
    size = ~std::uint64_t{0};
  } else if (!size || (size & mask) || iova + size - 1 < iova) {
    return {Errno::Inval, 0};
  }
  if (v2_ && !r.all) {  // no bisection: the first and the last byte must be mapping edges
    const std::uint64_t firstProbe = rules_.v2ProbeSizeZero ? 0 : 1;
    const auto refuses = [&](Node d) {
      return d != dmas_.end() && v2RefusesBisection(iova, size, d->second.iova, d->second.size, firstProbe,
                                                           rules_.searchByLastByte);
    };
    if (refuses(findDma(iova, firstProbe)) || refuses(findDma(iova + size - 1, 0))) return {Errno::Inval, 0};
  }
  std::uint64_t unmapped = 0;
  for (Node d = findDma(iova, size); d != dmas_.end(); d = findDma(iova, size)) {
    StepBudget::charge("the UNMAP_DMA loop");
    if (!v2_ && iova > d->second.iova) break;  // v1: a mapping starting before the range stops it
    unmapped += d->second.size;
    removeDma(d);
  }
  return {Errno::Ok, unmapped};
}

std::vector<VfioMapping> VfioType1::mappings() const {
  std::vector<VfioMapping> out;
  for (const auto& [iova, d] : dmas_) out.push_back({d.iova, d.vaddr, d.size});
  return out;
}

}  // namespace dmacheck::impl::pagesize
