#include "impl/iova/s390_bitmap.h"

#include "base/step_budget.h"

#include <bit>

namespace dmacheck::impl::iova {

S390Bitmap::S390Bitmap(const Config& config, IommuHardware& iommu, const Rules& rules)
    : config_(config), iommu_(iommu), secondGeneration_(rules.allocator == AllocatorKind::S390LazyBitmap),
      lazy_(config.lazy), used_(config.endPfn + 1), lazyBits_(config.endPfn + 1), nextBit_(config.startPfn) {}

// iommu_area_alloc(): the first run of free bits at or after `from`, aligned, below the limit.
std::optional<std::uint64_t> S390Bitmap::areaAlloc(std::uint64_t from, std::uint64_t pages, std::uint64_t limitPfn,
                                                   std::uint64_t align) const {
  std::uint64_t start = (std::max(from, config_.startPfn) + align - 1) / align * align;
  while (start + pages - 1 <= limitPfn) {
    StepBudget::charge("iommu_area_alloc()");
    std::uint64_t clash = start;
    while (clash < start + pages && !used_[clash]) StepBudget::charge("iommu_area_alloc()"), ++clash;
    if (clash == start + pages) return start;
    start = (clash + 1 + align - 1) / align * align;
  }
  return std::nullopt;
}

void S390Bitmap::globalFlush() {
  iommu_.flushAll();  // zpci_refresh_global
  for (std::size_t i = 0; i < used_.size(); ++i)
    if (lazyBits_[i]) used_[i] = false, lazyBits_[i] = false;
}

std::optional<std::uint64_t> S390Bitmap::map(const MapRequest& r) {
  const std::uint64_t pages = r.sizeAligned && r.size < 32 ? std::bit_ceil(r.size) : r.size;
  const std::uint64_t align = r.sizeAligned ? std::bit_ceil(r.size) : 1;
  auto offset = areaAlloc(nextBit_, pages, r.limitPfn, align);
  if (!offset) {
    if (secondGeneration_ && lazy_) globalFlush();
    offset = areaAlloc(config_.startPfn, pages, r.limitPfn, align);
    if (!offset) return std::nullopt;
    if (!secondGeneration_ && lazy_) iommu_.flushAll();  // first generation: the wrap flushes
  }
  for (std::uint64_t i = 0; i < pages; ++i) used_[*offset + i] = true;
  nextBit_ = *offset + pages;
  if (!iommu_.mapPages(*offset, r.size)) {
    for (std::uint64_t i = 0; i < pages; ++i) used_[*offset + i] = false;
    return std::nullopt;
  }
  return offset;
}

// s390_dma_unmap_pages(): invalidates the PTEs without looking at them (nothing reports an
// unmap of a range that was not mapped), then frees the pages.
UnmapResult S390Bitmap::unmap(const UnmapRequest& r) {
  iommu_.unmapPages(r.pfn, r.size);
  const std::uint64_t pages = r.sizeAligned && r.size < 32 ? std::bit_ceil(r.size) : r.size;
  if (!lazy_) iommu_.flushRange(r.pfn, r.size);  // strict: an RPCIT for the range
  for (std::uint64_t i = r.pfn; i < r.pfn + pages && i < used_.size(); ++i) {
    if (lazy_ && secondGeneration_) lazyBits_[i] = true;
    else used_[i] = false;
  }
  if (lazy_ && !secondGeneration_ && r.pfn >= nextBit_) nextBit_ = r.pfn + pages;
  return {};
}

void S390Bitmap::reserve(std::uint64_t lo, std::uint64_t hi) {
  for (std::uint64_t i = lo; i <= hi && i < used_.size(); ++i) used_[i] = true;
}

std::optional<UnmapResult> S390Bitmap::switchToLazy(std::optional<UnmapRequest> racingUnmap) {
  if (racingUnmap) return unmap(*racingUnmap);  // the mode is a boot option (s390_iommu=strict)
  return std::nullopt;
}

void S390Bitmap::teardown() { globalFlush(); }

std::vector<PfnRange> S390Bitmap::runsOf(const std::vector<bool>& bits) {
  std::vector<PfnRange> runs;
  for (std::uint64_t i = 0; i < bits.size(); ++i) {
    if (!bits[i]) continue;
    if (!runs.empty() && runs.back().hi + 1 == i) runs.back().hi = i;
    else runs.push_back({i, i});
  }
  return runs;
}

}  // namespace dmacheck::impl::iova
