#include "impl/iova/dma_domain.h"

#include <bit>

#include <fmt/format.h>

namespace dmacheck::impl::iova {

DmaDomain::DmaDomain(const Config& config, IommuHardware& iommu, const Rules& rules)
    : config_(config), iommu_(iommu), rules_(rules), tree_(config.startPfn, config.dma32Pfn, rules),
      cache_(config.cpus, config.magSize, config.depotMax, rules,
             [this](const std::vector<std::uint64_t>& pfns) { releaseMagazine(pfns); }),
      queue_(flushQueueCount(config, rules), config.fqSize, config.fqTimeoutMs, [this] { iommu_.flushAll(); },
             [this](const FlushQueue::Entry& e) { freeFast(e.pfn, e.pages, e.cpu); }),
      lazy_(config.lazy) {}

// iova_magazine_free_pfns(): every pfn must still be a node of the tree.
void DmaDomain::releaseMagazine(const std::vector<std::uint64_t>& pfns) {
  for (std::uint64_t pfn : pfns) {
    if (tree_.freeContaining(pfn)) continue;
    if (!rules_.warnOnUnknownPfn)
      throw KernelBug(fmt::format("kernel BUG at drivers/iommu/iova.c: BUG_ON(!iova) in iova_magazine_free_pfns: "
                                  "cached pfn {:#x} is not allocated", pfn));
  }
}

void DmaDomain::emptyCaches() {
  for (std::uint32_t cpu = 0; cpu < config_.cpus; ++cpu) cache_.flushCpu(cpu);
  if (rules_.flushDepotOnFailure) cache_.flushDepot();
}

// alloc_iova_fast(): sizes below 32 granules round up to a power of two so that the range
// caches can hand them out again.
std::optional<std::uint64_t> DmaDomain::allocFast(std::uint64_t size, std::uint64_t limitPfn, std::uint32_t cpu) {
  if (size < 32) size = std::bit_ceil(size);
  if (std::uint64_t pfn = cache_.get(size, limitPfn + 1, cpu)) return pfn;
  auto range = tree_.alloc(size, limitPfn, true);
  if (!range) {
    emptyCaches();
    range = tree_.alloc(size, limitPfn, true);
  }
  if (!range) return std::nullopt;
  return range->lo;
}

std::optional<std::uint64_t> DmaDomain::map(const MapRequest& r) {
  std::optional<std::uint64_t> pfn;
  if (r.sizeAligned) pfn = allocFast(r.size, r.limitPfn, r.cpu);
  else if (auto range = tree_.alloc(r.size, r.limitPfn, false)) pfn = range->lo;
  if (!pfn) return std::nullopt;
  if (!iommu_.mapPages(*pfn, r.size)) {  // -EEXIST: give the IOVA back and fail the map
    if (r.sizeAligned) freeFast(*pfn, r.size, r.cpu);
    else tree_.freeContaining(*pfn);
    return std::nullopt;
  }
  return pfn;
}

void DmaDomain::freeFast(std::uint64_t pfn, std::uint64_t size, std::uint32_t cpu) {
  if (!cache_.insert(pfn, size, cpu, iommu_.nowMs())) tree_.freeContaining(pfn);
}

// __iommu_dma_unmap(): WARNs when fewer granules were mapped than asked, then frees the
// IOVA anyway (the proposal frees only what it really unmapped).
UnmapResult DmaDomain::unmap(const UnmapRequest& r) {
  const bool warned = iommu_.unmapPages(r.pfn, r.size) != r.size;
  if (warned && rules_.freeOnlyIfUnmapped) return {warned};
  if (!r.sizeAligned) {  // not a dma-iommu IOVA: free_iova() after a synchronous flush
    iommu_.flushRange(r.pfn, r.size);
    tree_.freeContaining(r.pfn);
  } else if (lazy_) {
    queue_.queue(r.pfn, r.size, r.cpu, iommu_.nowMs());
  } else {
    iommu_.flushRange(r.pfn, r.size);
    freeFast(r.pfn, r.size, r.cpu);
  }
  return {warned};
}

// The sysfs DMA -> DMA_FQ switch. Fixed: the queues are set up before the domain is
// published as lazy, so a racing unmap is strict or queued properly. Racy: published
// first, so the racing unmap queues into rings that the initialisation then resets.
std::optional<UnmapResult> DmaDomain::switchToLazy(std::optional<UnmapRequest> racingUnmap) {
  std::optional<UnmapResult> result;
  if (!rules_.runtimeLazySwitch || lazy_) {
    if (racingUnmap) result = unmap(*racingUnmap);
    return result;
  }
  if (rules_.fqPublishedAfterInit) {
    if (racingUnmap) result = unmap(*racingUnmap);
    lazy_ = true;
  } else {
    lazy_ = true;
    if (racingUnmap) result = unmap(*racingUnmap);
    queue_.forget();
  }
  return result;
}

void DmaDomain::clockAdvanced() {
  queue_.clockAdvanced(iommu_.nowMs());
  cache_.clockAdvanced(iommu_.nowMs());
}

void DmaDomain::teardown() {
  queue_.flushAndDrain();
  emptyCaches();
  cache_.flushDepot();
}

}  // namespace dmacheck::impl::iova
