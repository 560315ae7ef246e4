#include "model/pagesize/page_split_spec.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

namespace dmacheck::pagesize::model {

namespace {

bool supported(PageSizes bitmap, std::uint64_t pageSize) {
  return pageSize != 0 && (pageSize & (pageSize - 1)) == 0 && (bitmap & pageSize) != 0;
}

bool multipleOf(std::uint64_t value, std::uint64_t unit) { return value % unit == 0; }

}  // namespace

std::uint64_t smallestPage(PageSizes bitmap) {
  for (std::uint64_t size = 1; size != 0; size <<= 1)
    if (bitmap & size) return size;
  return 0;
}

bool representable(PageSizes bitmap, std::uint64_t iova, std::uint64_t paddr, std::uint64_t size) {
  const std::uint64_t unit = smallestPage(bitmap);
  return unit != 0 && size != 0 && multipleOf(iova, unit) && multipleOf(paddr, unit) && multipleOf(size, unit);
}

std::optional<std::string> splitProblem(PageSizes bitmap, std::uint64_t iova, std::uint64_t paddr,
                                        std::uint64_t size, const std::vector<PageRun>& runs) {
  std::uint64_t done = 0;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const PageRun& r = runs[i];
    if (r.count == 0) return fmt::format("run {} has no pages", i);
    if (!supported(bitmap, r.pageSize))
      return fmt::format("run {}: page size {:#x} is not in the bitmap {:#x}", i, r.pageSize, bitmap);
    if (r.iova != iova + done || r.paddr != paddr + done)
      return fmt::format("run {} starts at iova {:#x} paddr {:#x}, expected iova {:#x} paddr {:#x}", i, r.iova,
                         r.paddr, iova + done, paddr + done);
    if (!multipleOf(r.iova, r.pageSize) || !multipleOf(r.paddr, r.pageSize))
      return fmt::format("run {}: a {:#x} page at iova {:#x} paddr {:#x} is not aligned to its size in both", i,
                         r.pageSize, r.iova, r.paddr);
    if (r.count > (size - done) / r.pageSize)
      return fmt::format("run {}: {} pages of {:#x} reach past the end of the {:#x}-byte map", i, r.count, r.pageSize,
                         size);
    done += r.count * r.pageSize;
  }
  if (done != size) return fmt::format("the pages cover {:#x} of {:#x} bytes", done, size);
  return std::nullopt;
}

// best[k]: the fewest pages covering the map from offset k units to its end.
std::optional<std::uint64_t> fewestPages(PageSizes bitmap, std::uint64_t iova, std::uint64_t paddr,
                                         std::uint64_t size) {
  if (!representable(bitmap, iova, paddr, size)) return std::nullopt;
  const std::uint64_t unit = smallestPage(bitmap);
  const std::uint64_t units = size / unit;
  if (units > kMaxJudgedUnits) return std::nullopt;
  constexpr std::uint64_t kNone = std::numeric_limits<std::uint64_t>::max();
  std::vector<std::uint64_t> best(units + 1, kNone);
  best[units] = 0;
  for (std::uint64_t k = units; k-- > 0;) {
    const std::uint64_t offset = k * unit;
    for (std::uint64_t page = unit; page != 0 && page <= size - offset; page <<= 1) {
      if (!(bitmap & page) || !multipleOf(iova + offset, page) || !multipleOf(paddr + offset, page)) continue;
      const std::uint64_t rest = best[k + page / unit];
      if (rest != kNone) best[k] = std::min(best[k], rest + 1);
    }
  }
  return best[0];
}

std::uint64_t pageCount(const std::vector<PageRun>& runs) {
  std::uint64_t n = 0;
  for (const PageRun& r : runs) n += r.count;
  return n;
}

}  // namespace dmacheck::pagesize::model
