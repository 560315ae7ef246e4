#include "check/trace_document.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#include <fmt/format.h>

#include "base/input_error.h"
#include "check/numbers.h"

namespace dmacheck {

namespace {

// Splits one line into tokens; a token may contain "double quoted" parts (no escapes).
// Stops at an unquoted '#', whose remainder becomes the comment.
std::vector<std::string> tokenize(const std::string& line, std::size_t number, std::string& comment) {
  std::vector<std::string> tokens;
  std::string current;
  bool quoted = false, inToken = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {  // printed back to a terminal (device names): no control bytes
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
        throw InputError(fmt::format("only printable ASCII is allowed in a quoted value, found byte {:#04x}",
                                     static_cast<unsigned char>(c)), number);
      if (c == '"') quoted = false; else current += c;
      continue;
    }
    if (c == '#') {
      comment = line.substr(i + 1);
      while (!comment.empty() && comment.front() == ' ') comment.erase(0, 1);
      for (char k : comment)  // comments may be UTF-8 text, but carry no control bytes
        if (static_cast<unsigned char>(k) < 0x20 && k != '\t' && k != '\r')
          throw InputError(fmt::format("a comment holds the control byte {:#04x}", static_cast<unsigned char>(k)), number);
      if (comment.find('\x7f') != std::string::npos) throw InputError("a comment holds the control byte 0x7f", number);
      break;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      if (inToken) tokens.push_back(current), current.clear(), inToken = false;
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
      throw InputError(fmt::format("only printable ASCII is allowed, found byte {:#04x}",
                                   static_cast<unsigned char>(c)), number);
    inToken = true;
    if (c == '"') quoted = true; else current += c;
  }
  if (quoted) throw InputError("unterminated double quote", number);
  if (inToken) tokens.push_back(current);
  return tokens;
}

TraceLine toTraceLine(std::vector<std::string> tokens, std::size_t number, std::string comment) {
  TraceLine line;
  line.lineNo = number;
  line.keyword = tokens.front();
  line.comment = std::move(comment);
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    auto eq = tokens[i].find('=');
    if (eq == std::string::npos) {
      line.words.push_back(tokens[i]);
      continue;
    }
    std::string key = tokens[i].substr(0, eq);
    if (key.empty()) throw InputError(fmt::format("field '{}' has no name before '='", tokens[i]), number);
    if (!line.fields.emplace(key, tokens[i].substr(eq + 1)).second)
      throw InputError(fmt::format("field '{}' appears twice", key), number);
  }
  return line;
}

Expectation toExpectation(const TraceLine& line) {
  if (line.words.size() != 2 || !line.fields.empty())
    throw InputError("expect takes two words: 'expect <variant>[,<variant>...]|* <pass|INVARIANT>'",
                     line.lineNo);
  Expectation e;
  e.line = line.lineNo;
  std::stringstream names(line.words[0]);
  for (std::string name; std::getline(names, name, ',');) {
    if (name.empty()) throw InputError("expect: empty variant name in list", line.lineNo);
    e.variants.push_back(name);
  }
  e.verdict = line.words[1];
  return e;
}

int parseVersion(const std::string& first) {
  const std::string magic = kTraceMagic;
  if (first.rfind(magic, 0) != 0)
    throw InputError(fmt::format("a trace must start with '{}{}', got '{}'", magic, kTraceFormatVersion,
                                 first.substr(0, 60)), 1);
  std::string rest = first.substr(magic.size());
  while (!rest.empty() && (rest.back() == '\r' || rest.back() == ' ')) rest.pop_back();
  int version = static_cast<int>(parseNumber(rest, "trace format version"));
  if (version != kTraceFormatVersion)
    throw InputError(fmt::format("trace format version {} is not supported (this dmacheck reads v{})",
                                 version, kTraceFormatVersion), 1);
  return version;
}

}  // namespace

std::uint64_t TraceLine::number(const std::string& key) const {
  auto it = fields.find(key);
  if (it == fields.end())
    throw InputError(fmt::format("'{}' needs the field {}=<number>", keyword, key), lineNo);
  try {
    return parseNumber(it->second, fmt::format("{} {}", keyword, key));
  } catch (const InputError& e) {
    throw InputError(e.what(), lineNo);
  }
}

std::uint64_t TraceLine::numberOr(const std::string& key, std::uint64_t fallback) const {
  return has(key) ? number(key) : fallback;
}

const std::string& TraceLine::text(const std::string& key) const {
  auto it = fields.find(key);
  if (it == fields.end()) throw InputError(fmt::format("'{}' needs the field {}=", keyword, key), lineNo);
  return it->second;
}

void TraceLine::allowOnly(std::initializer_list<const char*> keys) const {
  for (const auto& [key, value] : fields) {
    bool known = false;
    for (const char* k : keys) known = known || key == k;
    if (!known) {
      std::string list;
      for (const char* k : keys) list += std::string(list.empty() ? "" : ", ") + k;
      throw InputError(fmt::format("'{}' has no field '{}' (known fields: {})", keyword, key, list), lineNo);
    }
  }
}

std::optional<std::string> TraceDocument::expectedFor(const std::string& variant,
                                                      const std::vector<std::string>& aliases) const {
  const auto exact = [&](const std::string& wanted) -> std::optional<std::string> {
    for (const auto& e : expectations)
      for (const auto& name : e.variants)
        if (name == wanted) return e.verdict;
    return std::nullopt;
  };
  if (auto verdict = exact(variant)) return verdict;
  for (const auto& alias : aliases)
    if (auto verdict = exact(alias)) return verdict;
  return exact("*");
}

bool isTraceText(const std::string& contents) { return contents.rfind(kTraceMagic, 0) == 0; }

namespace {

// The next line of `text` from `pos` (without its '\n'); false at the end.
bool nextLine(std::string_view text, std::size_t& pos, std::string& line) {
  if (pos >= text.size()) return false;
  const std::size_t end = std::min(text.find('\n', pos), text.size());
  line.assign(text.substr(pos, end - pos));
  pos = end + 1;
  return true;
}

}  // namespace

void parseTraceStream(std::string_view text, TraceDocument& doc, const std::function<void(TraceLine&&)>& body) {
  std::string raw;
  std::size_t pos = 0, number = 0;
  if (!nextLine(text, pos, raw)) throw InputError("the trace is empty", 1);
  ++number;
  doc.version = parseVersion(raw);
  while (nextLine(text, pos, raw)) {
    ++number;
    std::string comment;
    auto tokens = tokenize(raw, number, comment);
    if (tokens.empty()) {
      if (!comment.empty()) doc.notes.push_back(comment);
      continue;
    }
    TraceLine line = toTraceLine(std::move(tokens), number, std::move(comment));
    if (line.keyword == "target" || line.keyword == "impl") {
      if (line.words.size() != 1 || !line.fields.empty())
        throw InputError(fmt::format("'{}' takes exactly one name", line.keyword), number);
      if (line.keyword == "target") {
        if (!doc.target.empty()) throw InputError("'target' appears twice", number);
        doc.target = line.words[0];
      } else {
        if (doc.impl) throw InputError("'impl' appears twice", number);
        doc.impl = line.words[0];
      }
    } else if (line.keyword == "expect") {
      doc.expectations.push_back(toExpectation(line));
    } else {
      if (doc.target.empty())
        throw InputError(fmt::format("'{}' before 'target': the target line must come first", line.keyword),
                         number);
      body(std::move(line));
    }
  }
  if (doc.target.empty()) throw InputError("the trace has no 'target' line");
}

TraceDocument parseTraceDocument(const std::string& text) {
  TraceDocument doc;
  parseTraceStream(text, doc, [&doc](TraceLine&& line) { doc.lines.push_back(std::move(line)); });
  return doc;
}

std::string readFile(const std::string& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (std::filesystem::is_directory(status)) throw InputError(fmt::format("'{}' is a directory, not a file", path));
  if (!error && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    throw InputError(fmt::format("'{}' is not a regular file (a device, pipe or socket)", path));
  if (!error && std::filesystem::exists(status) && std::filesystem::file_size(path, error) > kMaxFileBytes)
    throw InputError(fmt::format("'{}' is over {} MiB, the largest file dmacheck reads", path, kMaxFileBytes >> 20));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("cannot read file '{}': {}", path, std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string formatTraceLine(const std::string& keyword,
                            const std::vector<std::pair<std::string, std::string>>& fields,
                            const std::string& comment) {
  std::string out = keyword;
  for (const auto& [key, value] : fields) {
    bool quote = value.find(' ') != std::string::npos || value.empty();
    out += fmt::format(" {}={}{}{}", key, quote ? "\"" : "", value, quote ? "\"" : "");
  }
  if (!comment.empty()) out += fmt::format("{:<{}}# {}", "", out.size() < 56 ? 56 - out.size() : 1, comment);
  return out;
}

}  // namespace dmacheck
