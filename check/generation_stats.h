#pragma once
// What a property run generated, for `dmacheck check --stats`: written generically from
// each case's trace text, so every target gets it without code of its own. Per case: its
// length; per operation kind: how often, and in how many cases; per field of each header
// and operation line: how many distinct values, and the most frequent ones. A corner the
// generator never reaches shows up as a value that is missing, or a field with two values.
#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "check/trace_document.h"

namespace dmacheck {

class GenerationStats {
 public:
  // One generated case, as the trace document of its text; `headers` are the target's
  // header keywords (the rest are operations).
  void add(const TraceDocument& doc, std::span<const std::string_view> headers);
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

 private:
  std::size_t cases_ = 0, operations_ = 0;
  std::vector<std::size_t> lengths_;   // operations per case
  std::map<std::string, Kind> kinds_;  // by keyword: header lines and operations alike
};

}  // namespace dmacheck
