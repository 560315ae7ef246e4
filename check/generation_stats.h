#pragma once
// What a property run generated, for `dmacheck check --stats`: written generically from
// each case's trace text, so every target gets it without code of its own. Per case: its
// length; per operation kind: how often, and in how many cases; per field of each header
// and operation line: how many distinct values, and the most frequent ones. A corner the
// generator never reaches shows up as a value that is missing, or a field with two values.
// Per invariant: in how many cases and at how many steps the checker met its precondition
// (an invariant whose judge was vacuous in every case is a blind spot, whatever the values).
#include <array>
#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "check/trace_document.h"
#include "model/invariant_info.h"

namespace dmacheck {

class GenerationStats {
 public:
  // One generated case, as the trace document of its text; `headers` are the target's
  // header keywords (the rest are operations).
  void add(const TraceDocument& doc, std::span<const std::string_view> headers);
  // The same case's checker run: steps per row of `invariants` whose precondition held.
  void addPreconditions(const std::array<std::size_t, 32>& met, std::span<const InvariantInfo> invariants);
  std::size_t cases() const { return cases_; }
  // The report, with up to `values` most frequent values per field.
  std::string render(std::size_t values = 6) const;

  struct Field {
    std::map<std::string, std::size_t> values;  // value -> lines that had it
    std::size_t lines = 0;
  };
  struct Kind {
    bool header = false;
    std::size_t lines = 0, cases = 0;
    std::map<std::string, Field> fields;
  };
  const std::map<std::string, Kind>& kinds() const { return kinds_; }
  const std::vector<std::size_t>& lengths() const { return lengths_; }
  struct Precondition {
    std::size_t steps = 0, cases = 0;
  };
  // By invariant id, in the target's table order (every invariant, met or not).
  const std::vector<std::pair<std::string, Precondition>>& preconditions() const { return preconditions_; }

 private:
  std::size_t cases_ = 0, operations_ = 0;
  std::vector<std::size_t> lengths_;   // operations per case
  std::map<std::string, Kind> kinds_;  // by keyword: header lines and operations alike
  std::vector<std::pair<std::string, Precondition>> preconditions_;
};

}  // namespace dmacheck
