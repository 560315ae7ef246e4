#include "model/pagesize/vfio_spec.h"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "model/pagesize/page_split_spec.h"

namespace dmacheck::pagesize::model {

namespace {

// The sizes every attached domain supports.
PageSizes commonSizes(const VfioConfig& c) {
  PageSizes common = ~PageSizes{0};
  for (PageSizes d : c.domains) common &= d;
  return common;
}

bool overlaps(const VfioMapping& m, std::uint64_t lo, std::uint64_t last) {
  return m.iova <= last && lo <= m.iova + (m.size - 1);
}

std::string describe(const std::vector<VfioMapping>& ms) {
  if (ms.empty()) return "none";
  std::string out;
  for (const VfioMapping& m : ms) out += fmt::format("{}[{:#x}, +{:#x}]", out.empty() ? "" : " ", m.iova, m.size);
  return out;
}

std::uint64_t bytesOf(const std::vector<VfioMapping>& ms) {
  std::uint64_t n = 0;
  for (const VfioMapping& m : ms) n += m.size;
  return n;
}

}  // namespace

VfioSpec::VfioSpec(const VfioConfig& config)
    : config_(config), hostPage_(1ULL << config.cpuPageShift),
      unit_(std::max<std::uint64_t>(hostPage_, smallestPage(commonSizes(config)))) {}

Errno VfioSpec::expectMap(const VfioMap& r) const {
  if (r.size == 0 || !aligned(r.iova) || !aligned(r.vaddr) || !aligned(r.size)) return Errno::Inval;
  if (r.iova + (r.size - 1) < r.iova || r.vaddr + (r.size - 1) < r.vaddr) return Errno::Inval;
  for (const VfioMapping& m : mappings_)
    if (overlaps(m, r.iova, r.iova + (r.size - 1))) return Errno::Exist;
  if (mappings_.size() >= config_.dmaEntryLimit) return Errno::NoSpc;
  return Errno::Ok;
}

void VfioSpec::recordMap(const VfioMap& r) {
  mappings_.push_back({r.iova, r.vaddr, r.size});
  std::sort(mappings_.begin(), mappings_.end(), [](const auto& a, const auto& b) { return a.iova < b.iova; });
}

std::optional<std::string> VfioSpec::judgeUnmap(const VfioUnmap& r, const VfioUnmapResult& result,
                                                const std::vector<VfioMapping>& remaining) {
  std::optional<std::string> problem;
  if (r.all) {
    if (r.iova != 0 || r.size != 0) {
      if (result.error != Errno::Inval || remaining != mappings_)
        problem = fmt::format("UNMAP_ALL with iova {:#x} size {:#x} must fail with -EINVAL and change nothing", r.iova,
                              r.size);
    } else if (result.error != Errno::Ok || !remaining.empty() || result.bytes != bytesOf(mappings_)) {
      problem = fmt::format("UNMAP_ALL must remove every mapping ({:#x} bytes): got {}, {:#x} bytes, left {}",
                            bytesOf(mappings_), errnoName(result.error), result.bytes, describe(remaining));
    }
  } else {
    problem = judgeRangeUnmap(r, result, remaining);
  }
  if (!problem) mappings_ = remaining;
  return problem;
}

std::optional<std::string> VfioSpec::judgeRangeUnmap(const VfioUnmap& r, const VfioUnmapResult& result,
                                                     const std::vector<VfioMapping>& remaining) const {
  const bool wraps = r.size != 0 && r.iova + (r.size - 1) < r.iova;
  auto refuse = [&](const std::string& why) -> std::optional<std::string> {
    if (result.error == Errno::Inval && remaining == mappings_) return std::nullopt;
    return fmt::format("unmap [{:#x}, +{:#x}] must fail with -EINVAL ({}) and change nothing: got {}, left {}", r.iova,
                       r.size, why, errnoName(result.error), describe(remaining));
  };
  if (r.size == 0 || !aligned(r.iova) || !aligned(r.size) || wraps)
    return refuse(fmt::format("not a non-empty multiple of the {:#x} unit, or wraps", unit_));
  const std::uint64_t last = r.iova + (r.size - 1);
  std::vector<VfioMapping> inside, startInside;
  bool straddles = false;
  for (const VfioMapping& m : mappings_) {
    if (!overlaps(m, r.iova, last)) continue;
    const bool startsIn = m.iova >= r.iova, endsIn = m.iova + (m.size - 1) <= last;
    if (config_.v2 && (!startsIn || !endsIn))
      return refuse(fmt::format("v2 may not bisect the mapping [{:#x}, +{:#x}]", m.iova, m.size));
    if (startsIn) startInside.push_back(m);
    if (startsIn && endsIn) inside.push_back(m);
    straddles = straddles || !startsIn;
  }
  const std::vector<VfioMapping>& mustGo = config_.v2 ? inside : startInside;
  // What went: every model mapping the implementation no longer has (and it may add none).
  std::vector<VfioMapping> gone;
  for (const VfioMapping& m : mappings_)
    if (std::find(remaining.begin(), remaining.end(), m) == remaining.end()) gone.push_back(m);
  const bool keptOnlyOurs = remaining.size() + gone.size() == mappings_.size();
  const bool allowedSet = gone == mustGo || (!config_.v2 && straddles &&
                                             std::all_of(gone.begin(), gone.end(), [&](const VfioMapping& m) {
                                               return std::find(mustGo.begin(), mustGo.end(), m) != mustGo.end();
                                             }));
  if (result.error == Errno::Ok && keptOnlyOurs && allowedSet && result.bytes == bytesOf(gone)) return std::nullopt;
  return fmt::format("{} unmap [{:#x}, +{:#x}] must remove {} and report their bytes: got {}, {:#x} bytes, left {}",
                     config_.v2 ? "v2" : "v1", r.iova, r.size, describe(mustGo), errnoName(result.error), result.bytes,
                     describe(remaining));
}

// The union of the host-page intervals under the mappings, counted.
std::uint64_t VfioSpec::pinnedHostPages() const {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> pages;  // [first, last] host page
  for (const VfioMapping& m : mappings_) pages.push_back({m.vaddr / hostPage_, (m.vaddr + m.size - 1) / hostPage_});
  std::sort(pages.begin(), pages.end());
  std::uint64_t count = 0, nextUncounted = 0;
  for (const auto& [first, last] : pages) {
    const std::uint64_t from = std::max(first, nextUncounted);
    if (from <= last) count += last - from + 1;
    nextUncounted = std::max(nextUncounted, last + 1);
  }
  return count;
}

}  // namespace dmacheck::pagesize::model
