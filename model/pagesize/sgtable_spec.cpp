#include "model/pagesize/sgtable_spec.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace dmacheck::pagesize::model {

namespace {

std::uint64_t totalLength(const std::vector<PhysRange>& ranges) {
  std::uint64_t sum = 0;
  for (const PhysRange& r : ranges) sum += r.length;
  return sum;
}

// Reads a list of ranges in order, byte position by byte position, run by run.
class Reader {
 public:
  explicit Reader(const std::vector<PhysRange>& ranges) : ranges_(ranges) { advance(0); }  // skips empty ranges
  std::uint64_t address() const { return ranges_[index_].start + offset_; }
  std::uint64_t runLeft() const { return ranges_[index_].length - offset_; }
  void advance(std::uint64_t n) {  // n <= runLeft()
    offset_ += n;
    for (; index_ < ranges_.size() && offset_ == ranges_[index_].length; ++index_) offset_ = 0;
  }

 private:
  const std::vector<PhysRange>& ranges_;
  std::size_t index_ = 0;
  std::uint64_t offset_ = 0;
};

// Address ranges by start, to find the one holding an address in log time.
class RangeIndex {
 public:
  void add(std::uint64_t from, std::uint64_t to, std::uint64_t length) { byStart_[from] = {to, length}; }
  // Where `address` lands and how many bytes on from it stay in the same range.
  std::optional<std::pair<std::uint64_t, std::uint64_t>> find(std::uint64_t address) const {
    auto it = byStart_.upper_bound(address);
    if (it == byStart_.begin()) return std::nullopt;
    --it;
    const std::uint64_t into = address - it->first;
    if (into >= it->second.second) return std::nullopt;
    return std::pair{it->second.first + into, it->second.second - into};
  }

 private:
  std::map<std::uint64_t, std::pair<std::uint64_t, std::uint64_t>> byStart_;  // start -> (target, length)
};

// The first byte k < n at which two lists disagree. Inside a stretch where both are
// contiguous, the first byte agreeing means all do, so megabyte buffers cost a few steps.
struct Difference {
  std::uint64_t at, first, second;
};
std::optional<Difference> firstDifference(const std::vector<PhysRange>& a, const std::vector<PhysRange>& b,
                                          std::uint64_t n) {
  Reader ra(a), rb(b);
  for (std::uint64_t k = 0; k < n;) {
    if (ra.address() != rb.address()) return Difference{k, ra.address(), rb.address()};
    const std::uint64_t step = std::min({n - k, ra.runLeft(), rb.runLeft()});
    ra.advance(step), rb.advance(step), k += step;
  }
  return std::nullopt;
}

std::optional<ExposureProblem> tableProblem(const SgtableRoundTrip& t, std::uint64_t size) {
  const std::uint64_t length = totalLength(t.table);
  if (length < size)
    return ExposureProblem{"G-SGT", fmt::format("get_sgtable describes {:#x} bytes of a {:#x}-byte buffer", length, size)};
  if (totalLength(t.buffer) < size)
    return ExposureProblem{"G-SGT", fmt::format("the allocation holds {:#x} bytes of a {:#x}-byte buffer",
                                                totalLength(t.buffer), size)};
  if (auto d = firstDifference(t.table, t.buffer, size))
    return ExposureProblem{"G-SGT", fmt::format("byte {:#x} of the table is memory {:#x}, the buffer's byte is {:#x}",
                                                d->at, d->first, d->second)};
  RangeIndex allocation;
  for (const PhysRange& r : t.buffer) allocation.add(r.start, r.start, r.length);
  Reader table(t.table);
  for (std::uint64_t k = 0; k < length;) {  // every byte, the tail up to the page included, is the allocation's
    const auto inside = allocation.find(table.address());
    if (!inside)
      return ExposureProblem{"G-SGT", fmt::format("byte {:#x} of the table, memory {:#x}, is not part of the allocation",
                                                  k, table.address())};
    const std::uint64_t step = std::min({length - k, table.runLeft(), inside->second});
    table.advance(step), k += step;
  }
  return std::nullopt;
}

std::optional<ExposureProblem> mapProblem(const SgtableRoundTrip& t) {
  const std::uint64_t length = totalLength(t.table);
  if (totalLength(t.segments) != length)
    return ExposureProblem{"G-SGT-MAP", fmt::format("the DMA segments hold {:#x} bytes, the table {:#x}",
                                                    totalLength(t.segments), length)};
  const bool bypass = t.second == MapOutcome::Bypass;
  RangeIndex device;  // what the second device reaches
  for (const Translation& x : t.translations) device.add(x.iova, x.phys, x.length);
  Reader segments(t.segments), table(t.table);
  for (std::uint64_t k = 0; k < length;) {
    const std::uint64_t dma = segments.address();
    const auto reached = bypass ? std::optional{std::pair{dma, ~std::uint64_t{0}}} : device.find(dma);
    if (!reached || reached->first != table.address())
      return ExposureProblem{"G-SGT-MAP", fmt::format("byte {:#x} of the table is memory {:#x}, but its DMA address "
                                                      "{:#x} reaches {}", k, table.address(), dma,
                                                      reached ? fmt::format("{:#x}", reached->first) : "nothing")};
    const std::uint64_t step = std::min({length - k, segments.runLeft(), table.runLeft(), reached->second});
    segments.advance(step), table.advance(step), k += step;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::uint64_t> roundTripExposure(const SgtableRoundTrip& t) {
  if (t.second == MapOutcome::Bypass) return std::nullopt;
  if (t.second != MapOutcome::Mapped) return 0;
  std::uint64_t reached = 0;
  for (const Translation& x : t.translations) reached += x.length;
  return reached - std::min(reached, totalLength(t.table));
}

std::optional<ExposureProblem> roundTripProblem(const SgtableRoundTrip& t, std::uint64_t size, bool untrusted) {
  if (!t.allocated || t.tableRefused) return std::nullopt;
  if (auto problem = tableProblem(t, size)) return problem;
  if (t.second == MapOutcome::Refused) return std::nullopt;
  if (auto problem = mapProblem(t)) return problem;
  if (!untrusted) return std::nullopt;
  const auto exposure = roundTripExposure(t);
  if (!exposure)
    return ExposureProblem{"G-EXPOSE", "the untrusted second device is in bypass: it reaches all of memory"};
  if (*exposure)
    return ExposureProblem{"G-EXPOSE", fmt::format("the untrusted second device reaches {:#x} bytes beyond the "
                                                   "table's {:#x}", *exposure, totalLength(t.table))};
  return std::nullopt;
}

}  // namespace dmacheck::pagesize::model
