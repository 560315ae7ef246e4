#include "cli/trace_files.h"

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "base/input_error.h"

namespace dmacheck::cli {

namespace fs = std::filesystem;

namespace {

// A text file with trace keywords but no magic first line is a trace someone typed, not
// fuzzer bytes: decoding it as bytes would replay something unrelated and look like a pass.
bool looksLikeHeaderlessTrace(const std::string& contents) {
  const bool text = std::all_of(contents.begin(), contents.end(), [](unsigned char c) {
    return c == '\n' || c == '\t' || c == '\r' || (c >= 0x20 && c < 0x7f);
  });
  return text && (contents.rfind("target ", 0) == 0 || contents.find("\ntarget ") != std::string::npos);
}

}  // namespace

std::string targetOfFile(const std::string& path, const std::string& fallback) {
  const std::string contents = readFile(path);
  if (!isTraceText(contents) && looksLikeHeaderlessTrace(contents))
    throw InputError(fmt::format("{}: this looks like a text trace but its first line is not '{}1' (traces must "
                                 "start with it; anything else is read as a libFuzzer input)", path, kTraceMagic));
  if (!isTraceText(contents)) return fallback;
  try {
    TraceDocument doc;  // the target lines are read (and checked) but not kept
    parseTraceStream(contents, doc, [](TraceLine&&) {});
    return doc.target;
  } catch (const InputError& e) {
    throw InputError(fmt::format("{}: {}", path, e.what()));
  }
}

std::vector<std::string> traceFilesUnder(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
      std::vector<std::string> found;
      for (const auto& entry : fs::recursive_directory_iterator(path))
        if (entry.is_regular_file() && entry.path().extension() == ".trace") found.push_back(entry.path().string());
      std::sort(found.begin(), found.end());
      if (found.empty()) throw InputError(fmt::format("no *.trace files under '{}'", path));
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(path, error)) {
      files.push_back(path);
    } else {
      throw InputError(fmt::format("no such file or directory: '{}'", path));
    }
  }
  return files;
}

void writeFileAtomically(const std::string& path, const std::string& text) {
  const fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path());
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {  // a full disk or a read-only directory: no partial file is left behind
      const int error = errno;
      std::error_code ignored;
      fs::remove(temporary, ignored);
      throw InputError(fmt::format("cannot write '{}': {}", path, std::strerror(error)));
    }
  }
  fs::rename(temporary, target);
}

}  // namespace dmacheck::cli
