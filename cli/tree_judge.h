#pragma once
// Which re-implemented variant judges a tree's own code: the one whose expect lines give the
// tree's verdict on every trace of the target's corpus (the fixes its code has, whatever its
// version says), else the nearest. `dmacheck kernel` derives it before running a command,
// so check, replay and corpus all name the judge and the corpus judges by it.
#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/not_in_implementation.h"
#include "cli/trace_files.h"

namespace dmacheck::cli {

struct TreeJudge {
  std::string name;                   // the variant; empty when the corpus has no trace for it
  int traces = 0;                     // the traces the tree's code could run
  std::vector<std::string> differing; // trace file names where the judge's expect lines and the tree's verdicts part
  std::vector<std::string> tied;      // other variants as near
};

// The variant of the tree's version (the record's alias) wins a tie; otherwise the first
// nearest in the target's list. Traces the tree cannot run (NotInImplementation) are left out.
template <class T>
TreeJudge deriveTreeJudge(const std::string& corpusDir) {
  const auto self = T::find("kernel");
  if (!self) return {};
  const std::string preferred = self->variant && !self->variant->aliases.empty() ? self->variant->aliases.front() : "";
  std::map<std::string, std::vector<std::string>> differing;
  TreeJudge judge;
  for (const std::string& file : traceFilesUnder({corpusDir})) {
    const auto trace = loadTrace<T>(file);
    std::string got;
    try {
      const auto run = T::check(trace.scenario, *self, true, false);
      got = run.firstViolation ? run.firstViolation->invariant : "pass";
    } catch (const NotInImplementation&) {
      continue;
    }
    ++judge.traces;
    for (const auto& v : T::all()) {
      const auto expected = trace.document.expectedFor(v.name, v.variant ? v.variant->aliases : std::vector<std::string>{});
      auto& files = differing[v.name];
      if (!expected || *expected != got) files.push_back(std::filesystem::path(file).filename().string());
    }
  }
  std::size_t fewest = SIZE_MAX;
  for (const auto& v : T::all()) fewest = std::min(fewest, differing[v.name].size());
  for (const auto& v : T::all()) {
    if (differing[v.name].size() != fewest) continue;
    if (judge.name.empty() || v.name == preferred) judge.name = v.name;
  }
  for (const auto& v : T::all())
    if (differing[v.name].size() == fewest && v.name != judge.name) judge.tied.push_back(v.name);
  judge.differing = differing[judge.name];
  return judge;
}

// The judge kept beside a built library ("name N", "traces N", "tied V", "differing F"
// lines); nullopt when the file is missing or not in that form, and it is derived again.
std::optional<TreeJudge> readTreeJudge(const std::filesystem::path& file);
// Best effort: a judge that cannot be kept is derived again next time.
void writeTreeJudge(const TreeJudge& judge, const std::filesystem::path& file);

}  // namespace dmacheck::cli
