#include "cli/fuzzer_binary.h"

#include <filesystem>

#include <fmt/format.h>

#include "base/input_error.h"
#include "cli/child_process.h"

namespace dmacheck::cli {

namespace fs = std::filesystem;

// Where a fuzzer binary usually is, relative to this dmacheck (build/<preset>/cli/dmacheck).
std::string locateFuzzer(const std::string& target) {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  const fs::path builds = self.parent_path().parent_path().parent_path();
  for (const char* preset : {"fuzz", "fuzz-nosan"}) {
    const fs::path candidate = builds / preset / "fuzz" / (target + "_fuzz");
    if (fs::exists(candidate)) return candidate.string();
  }
  throw InputError(
      fmt::format("no {}_fuzz binary under {}/{{fuzz,fuzz-nosan}}/fuzz: build one with "
                  "'cmake --preset fuzz && cmake --build --preset fuzz --target {}_fuzz', or pass --fuzzer PATH",
                  target, builds.string(), target));
}

// A --fuzzer must be this dmacheck's fuzzer of the target: it answers the handshake of
// fuzz/fuzz_harness.h with its target's name (anything else would fuzz nothing, silently).
void requireFuzzerOf(const std::string& fuzzer, const std::string& target) {
  if (fs::is_directory(fuzzer)) throw InputError(fmt::format("--fuzzer '{}' is a directory, not a fuzzer", fuzzer));
  std::string answer, firstLine;
  int ticks = 0;
  const ChildResult r = runChild(
      {fuzzer, "-runs=0"}, {{"DMACHECK_HANDSHAKE", "1"}},
      [&](const std::string& line) {
        if (line.starts_with("DMACHECK-FUZZER target=")) answer = line.substr(23);
        if (firstLine.empty()) firstLine = line;
      },
      [&] { return ++ticks > 10; });
  if (answer.empty())
    throw InputError(fmt::format("--fuzzer '{}' is not a dmacheck fuzzer: it did not answer the handshake (exit {}{})",
                                 fuzzer, r.exitCode, firstLine.empty() ? "" : ", said: " + firstLine.substr(0, 80)));
  if (answer != target)
    throw InputError(fmt::format("--fuzzer '{}' fuzzes target {}, not {}", fuzzer, answer, target));
}

}  // namespace dmacheck::cli
