#include "check/generation_stats.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace dmacheck {

void GenerationStats::add(const TraceDocument& doc, std::span<const std::string_view> headers) {
  ++cases_;
  std::set<std::string> seen;
  std::size_t ops = 0;
  for (const TraceLine& line : doc.lines) {
    Kind& kind = kinds_[line.keyword];
    kind.header = std::find(headers.begin(), headers.end(), line.keyword) != headers.end();
    ++kind.lines;
    if (seen.insert(line.keyword).second) ++kind.cases;
    for (const auto& [key, value] : line.fields) {
      Field& field = kind.fields[key];
      ++field.lines;
      ++field.values[value];
    }
    ops += kind.header ? 0 : 1;
  }
  lengths_.push_back(ops);
  operations_ += ops;
}

void GenerationStats::addPreconditions(const std::array<std::size_t, 32>& met,
                                       std::span<const InvariantInfo> invariants) {
  if (preconditions_.empty())
    for (const InvariantInfo& i : invariants) preconditions_.push_back({std::string(i.id), {}});
  for (std::size_t i = 0; i < preconditions_.size() && i < met.size(); ++i) {
    preconditions_[i].second.steps += met[i];
    preconditions_[i].second.cases += met[i] ? 1 : 0;
  }
}

std::string GenerationStats::render(std::size_t values) const {
  if (cases_ == 0) return "statistics: no case was generated\n";
  std::vector<std::size_t> sorted = lengths_;
  std::sort(sorted.begin(), sorted.end());
  std::string out = fmt::format("statistics over {} generated cases (before any failure):\n", cases_);
  out += fmt::format("  operations per case: min {}, median {}, max {}\n", sorted.front(), sorted[sorted.size() / 2],
                     sorted.back());
  out += "  operation          lines  of all ops  in cases\n";
  for (const auto& [keyword, kind] : kinds_)
    if (!kind.header)
      out += fmt::format("  {:<14} {:>9} {:>10.1f}% {:>8.1f}%\n", keyword, kind.lines,
                         100.0 * double(kind.lines) / double(std::max<std::size_t>(operations_, 1)),
                         100.0 * double(kind.cases) / double(cases_));
  out += "  field: distinct values, the most frequent, and the share of lines that write the field\n"
         "  (a trace omits a field at its default value, so the other lines carry the default)\n";
  for (const auto& [keyword, kind] : kinds_)
    for (const auto& [key, field] : kind.fields) {
      std::vector<std::pair<std::size_t, std::string>> byCount;
      for (const auto& [value, n] : field.values) byCount.push_back({n, value});
      std::sort(byCount.begin(), byCount.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
      });
      std::string top;
      for (std::size_t i = 0; i < byCount.size() && i < values; ++i)
        top += fmt::format("{}{} {:.0f}%", i ? ", " : "", byCount[i].second,
                           100.0 * double(byCount[i].first) / double(field.lines));
      if (byCount.size() > values) top += ", ...";
      out += fmt::format("    {} {}: {} value{}: {} (written on {:.0f}% of lines)\n", keyword, key, field.values.size(),
                         field.values.size() == 1 ? "" : "s", top, 100.0 * double(field.lines) / double(kind.lines));
    }
  if (!preconditions_.empty())
    out += "  invariant      precondition met: in cases   at steps   (0: the judge was vacuous, a blind spot)\n";
  for (const auto& [id, p] : preconditions_)
    out += fmt::format("  {:<14} {:>27.1f}% {:>10}\n", id, 100.0 * double(p.cases) / double(cases_), p.steps);
  return out;
}

}  // namespace dmacheck
