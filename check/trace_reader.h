#pragma once
// A target's trace lines made into its scenario one line at a time, the same way for every
// target (parseTraceStream hands lines over as it reads them, so a long trace is held once,
// as its operations). Header lines come first, each at most once, the required one among
// them; then one operation per line.
//
// Syntax (check/T/target.h) provides:
//   using Scenario;                         // with .config and .ops
//   static constexpr std::string_view target = "iova", aTrace = "an iova trace";
//   static constexpr std::array<std::string_view, N> headers;  // headers[0] is required
//   static constexpr std::string_view headerHint = "(start_pfn=, dma32_pfn=, ...)";
//   static void readHeader(const TraceLine&, Config&);   // one of `headers`
//   static Op readOp(const TraceLine&, const Config&);  // InputError for an unknown line
//   static std::optional<std::string> configProblem(const Config&);
#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "base/input_error.h"
#include "check/trace_document.h"

namespace dmacheck {

template <class Syntax>
class TraceReader {
 public:
  using Scenario = typename Syntax::Scenario;

  // `target`: the trace's 'target' line, which must be this target's.
  explicit TraceReader(const std::string& target) {
    if (target != Syntax::target)
      throw InputError(fmt::format("this is a '{}' trace, not {}", target, Syntax::aTrace));
  }

  void add(const TraceLine& line) {
    const auto header = std::find(Syntax::headers.begin(), Syntax::headers.end(), line.keyword);
    if (header == Syntax::headers.end()) {
      if (!requiredLine_)
        throw InputError(fmt::format("the '{}' line must come before the first operation", Syntax::headers[0]),
                         line.lineNo);
      scenario_.ops.push_back(Syntax::readOp(line, scenario_.config));
      return;
    }
    if (!scenario_.ops.empty())
      throw InputError(fmt::format("'{}' must come before the first operation", line.keyword), line.lineNo);
    const auto index = static_cast<std::size_t>(header - Syntax::headers.begin());
    if (seen_[index]) throw InputError(fmt::format("'{}' appears twice", line.keyword), line.lineNo);
    seen_[index] = true;
    if (index == 0) requiredLine_ = line.lineNo;
    Syntax::readHeader(line, scenario_.config);
  }

  Scenario finish() && {
    if (!requiredLine_)
      throw InputError(fmt::format("{} needs a '{}' line {}", Syntax::aTrace, Syntax::headers[0], Syntax::headerHint));
    if (auto problem = Syntax::configProblem(scenario_.config)) throw InputError(*problem, requiredLine_);
    return std::move(scenario_);
  }

 private:
  Scenario scenario_;
  std::vector<bool> seen_ = std::vector<bool>(Syntax::headers.size(), false);
  std::size_t requiredLine_ = 0;
};

// A whole document's lines (tests and callers that hold one).
template <class Syntax>
typename Syntax::Scenario readTraceLines(const TraceDocument& doc) {
  TraceReader<Syntax> reader(doc.target);
  for (const TraceLine& line : doc.lines) reader.add(line);
  return std::move(reader).finish();
}

}  // namespace dmacheck
