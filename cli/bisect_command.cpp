// `dmacheck bisect --git REPO --good A --bad B --trace FILE [--target T] [--expect INV]`: the
// first commit between A and B whose own allocator code breaks INV on the trace (without
// --expect: the invariant the trace breaks on B; without --target: the trace's). Each commit
// is tested as `dmacheck kernel --git REPO --rev C ... replay FILE --expect INV` would test
// it (files read with git show, no checkout): exit 1 is bad, 0 good, 125 untestable (skipped,
// as git bisect does). The commits are those on the first-parent line from A to B.
#include <sys/wait.h>
#include <unistd.h>

#include <iostream>
#include <optional>
#include <regex>

#include <fmt/format.h>

#include "base/input_error.h"
#include "cli/command.h"
#include "cli/trace_files.h"
#include "kernel/process.h"
#include "kernel/tree_source.h"

namespace dmacheck::cli {

namespace {

struct Options {
  std::string git, good, bad, trace, target, expect, buildDir;
};

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  for (std::size_t eol; (eol = text.find('\n', at)) != std::string::npos; at = eol + 1) out.push_back(text.substr(at, eol - at));
  if (at < text.size()) out.push_back(text.substr(at));
  return out;
}

// The commits after `good` up to `bad`, oldest first.
std::vector<std::string> commitsBetween(const Options& o, const std::string& good, const std::string& bad) {
  const auto r = kernel::runProcess({"git", "-C", o.git, "rev-list", "--first-parent", "--reverse", good + ".." + bad});
  if (r.status != 0) throw InputError(fmt::format("git rev-list {}..{} failed: {}", good, bad, r.output));
  auto out = lines(r.output);
  if (out.empty() || out.back() != bad)
    throw InputError(fmt::format("--bad {} does not descend from --good {} on its first-parent line", o.bad, o.good));
  return out;
}

std::string subject(const Options& o, const std::string& commit) {
  const auto r = kernel::runProcess({"git", "-C", o.git, "log", "-1", "--format=%h %s", commit});
  return r.status == 0 ? lines(r.output).front() : commit;
}

// 0 good, 1 bad, 125 untestable, as the kernel command's replay exits.
int testCommit(const Options& o, const std::string& commit) {
  std::vector<std::string> argv = {selfPath(), "kernel", "--git", o.git, "--rev", commit, "--target", o.target};
  if (!o.buildDir.empty()) argv.insert(argv.end(), {"--build-dir", o.buildDir});
  argv.insert(argv.end(), {"replay", o.trace, "--stop-at-first", "--expect", o.expect});
  const auto r = kernel::runProcess(argv);
  if (r.status != 0 && r.status != 1 && r.status != kExitUntestable)
    throw InputError(fmt::format("testing {} failed (exit {}):\n{}", commit, r.status, r.output));
  return r.status;
}

// Without --expect: what the trace breaks on the bad end, from its replay's JSON verdict.
std::string invariantBrokenAt(const Options& o, const std::string& commit) {
  std::vector<std::string> argv = {selfPath(), "kernel", "--git", o.git, "--rev", commit, "--target", o.target};
  if (!o.buildDir.empty()) argv.insert(argv.end(), {"--build-dir", o.buildDir});
  argv.insert(argv.end(), {"replay", o.trace, "--stop-at-first", "--json"});
  const auto r = kernel::runProcess(argv);
  std::smatch m;
  if (r.status == kExitUntestable)
    throw InputError(fmt::format("--bad {} cannot be tested: nothing to bisect\n{}", o.bad, r.output));
  if (r.status != 1 || !std::regex_search(r.output, m, std::regex(R"re("verdict": "([A-Z][A-Z0-9-]*)")re")))
    throw InputError(fmt::format("--bad {} breaks no invariant on {} (exit {}): nothing to bisect", o.bad, o.trace,
                                 r.status));
  return m[1];
}

const char* verdictWord(int status) { return status == 0 ? "good" : status == 1 ? "bad" : "skip (untestable)"; }

int bisect(Options o) {
  const std::string good = kernel::resolveCommit(o.git, o.good), bad = kernel::resolveCommit(o.git, o.bad);
  if (o.target.empty()) o.target = targetOfFile(o.trace, "");
  if (o.target.empty()) throw InputError(fmt::format("{} names no target: give --target", o.trace));
  if (o.expect.empty()) {
    o.expect = invariantBrokenAt(o, bad);
    std::cout << fmt::format("--expect {}: what {} breaks on --bad {}\n", o.expect, o.trace, o.bad);
  }
  std::vector<std::string> commits = commitsBetween(o, good, bad);
  for (const auto& [end, want] : {std::pair{good, 0}, std::pair{bad, 1}}) {
    const int got = testCommit(o, end);
    std::cout << fmt::format("{}  {}\n", verdictWord(got), subject(o, end));
    if (got != want)
      throw InputError(fmt::format("--{} {} tests {}, not {}: nothing to bisect", want ? "bad" : "good",
                                   want ? o.bad : o.good, verdictWord(got), verdictWord(want)));
  }
  // Invariant: commits[lo - 1] (or good) is good, commits[hi] is bad; skipped ones are set aside.
  std::size_t lo = 0, hi = commits.size() - 1;
  std::vector<bool> skipped(commits.size(), false);
  while (lo < hi) {
    std::size_t mid = lo + (hi - lo) / 2;
    while (mid < hi && skipped[mid]) ++mid;
    if (mid == hi) break;  // every commit left in the range is untestable
    const int got = testCommit(o, commits[mid]);
    std::cout << fmt::format("{}  {}\n", verdictWord(got), subject(o, commits[mid]));
    if (got == 1) hi = mid;
    else if (got == 0) lo = mid + 1;
    else skipped[mid] = true;
  }
  std::size_t untested = 0;
  for (std::size_t i = lo; i < hi; ++i) untested += skipped[i] ? 1 : 0;
  if (untested)
    std::cout << fmt::format("the first bad commit is {} or one of the {} untestable commits before it\n",
                             subject(o, commits[hi]), untested);
  else
    std::cout << fmt::format("first bad commit: {}\n  (--expect {} on {})\n", subject(o, commits[hi]), o.expect, o.trace);
  return kExitOk;
}

}  // namespace

Command addBisectCommand(CLI::App& root) {
  auto o = std::make_shared<Options>();
  CLI::App* app = root.add_subcommand("bisect", "Find the first commit of a Linux git repository whose code breaks "
                                                "an invariant on a trace (each commit built with dmacheck kernel)");
  app->add_option("--git", o->git, "The Linux git repository (read with git show; never checked out)")->required();
  app->add_option("--good", o->good, "A revision that holds (older)")->required();
  app->add_option("--bad", o->bad, "A revision that breaks the invariant (newer)")->required();
  app->add_option("--trace", o->trace, "The trace to replay on each commit")->required();
  app->add_option("--target", o->target, "Which allocator's file to build (default: the trace's target)");
  app->add_option("--expect", o->expect, "The invariant a bad commit violates (default: the one the trace breaks on --bad)");
  app->add_option("--build-dir", o->buildDir, "Where the harnesses are built (as dmacheck kernel --build-dir)");
  return {app, [o] { return bisect(*o); }};
}

}  // namespace dmacheck::cli
