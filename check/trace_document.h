#pragma once
// The versioned text format every engine reads and writes (one format for RapidCheck,
// libFuzzer and replay). This layer knows only the shape shared by all targets:
//
//   # dmacheck trace v1                  <- first line, exact: format and version
//   target swiotlb                       <- which allocator family
//   impl linux-6.3                       <- optional: the variant it was found on
//   pool start=0x97ff0000 slots=7168 ... <- target header lines (keyword + key=value)
//   expect linux-6.3,linux-6.6 S-DISJ    <- optional: expected verdict per variant
//   map orig=0x40001000 size=0x800       <- one operation per line
//
// '#' starts a comment (whole line, or after the fields). Values may be "double quoted".
// The target's codec turns header and operation lines into its own types.
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dmacheck {

inline constexpr int kTraceFormatVersion = 1;
inline constexpr const char* kTraceMagic = "# dmacheck trace v";

struct TraceLine {
  std::size_t lineNo = 0;                    // 1-based line in the file
  std::string keyword;                       // first word: "pool", "map", ...
  std::vector<std::string> words;            // further bare words (used by "expect")
  std::map<std::string, std::string> fields; // key=value pairs, keys unique
  std::string comment;                       // text after '#', without it

  // Field access that turns a missing or malformed field into an InputError naming the line.
  bool has(const std::string& key) const { return fields.count(key) != 0; }
  std::uint64_t number(const std::string& key) const;
  std::uint64_t numberOr(const std::string& key, std::uint64_t fallback) const;
  const std::string& text(const std::string& key) const;
  void allowOnly(std::initializer_list<const char*> keys) const;  // rejects unknown keys
};

struct Expectation {
  std::size_t line = 0;
  std::vector<std::string> variants;  // names, or "*" for every variant not named elsewhere
  std::string verdict;                // "pass" or an invariant id
};

struct TraceDocument {
  int version = kTraceFormatVersion;
  std::string target;
  std::optional<std::string> impl;
  std::vector<TraceLine> lines;        // everything but the format line, target, impl, expect
  std::vector<Expectation> expectations;
  std::vector<std::string> notes;      // whole-line comments after the magic line, kept for printing

  // The verdict expected for `variant`: its own line, else the first of `aliases` with one,
  // else "*", else nothing.
  std::optional<std::string> expectedFor(const std::string& variant, const std::vector<std::string>& aliases = {}) const;
};

// Whether file contents are a text trace (its magic first line) rather than fuzzer bytes.
bool isTraceText(const std::string& contents);

// Parses the text of a trace file. Throws InputError (with line number) on any deviation.
TraceDocument parseTraceDocument(const std::string& text);
// The same, handing each target line (header or operation) to `body` as it is read instead
// of keeping it in doc.lines: a long trace is never held twice.
void parseTraceStream(std::string_view text, TraceDocument& doc, const std::function<void(TraceLine&&)>& body);
// A regular file's contents; InputError for a directory, device, pipe, a file over
// kMaxFileBytes or one that cannot be read.
inline constexpr std::uint64_t kMaxFileBytes = 1ULL << 30;
std::string readFile(const std::string& path);

// Renders one line: keyword, then fields in the given order, then "# comment".
std::string formatTraceLine(const std::string& keyword,
                            const std::vector<std::pair<std::string, std::string>>& fields,
                            const std::string& comment = "");

}  // namespace dmacheck
