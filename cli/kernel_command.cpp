// `dmacheck kernel --src TREE --target T [VERB ARGS...]`: builds the tree's own allocator
// file against our shims (kernel/tree_build.h), then runs VERB (check, fuzz, replay, corpus,
// zoo...) with that build as the implementation named "kernel". The build reaches every
// engine through one environment variable, so a fuzz target started as a child loads it too.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>

#include <fmt/format.h>

#include "base/input_error.h"
#include "cli/command.h"
#include "cli/json_result.h"
#include "cli/tree_judge.h"
#include "kernel/tree_build.h"
#include "kernel/tree_source.h"
#include "targets/registry.h"

namespace dmacheck::cli {

namespace {

namespace fs = std::filesystem;

struct Options {
  kernel::TreeSource tree;  // --src, or --git and --rev
  std::string target;
  std::string buildDir;
  std::vector<std::string> verb;  // the command to run on the build, and its arguments
  bool listFiles = false;
  bool json = false;
};

// Next to this binary's build, so that each build flavour (dev, asan, fuzz) keeps a harness
// compiled with its own instrumentation.
fs::path defaultBuildDir() {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::path("dmacheck-kernel") : self.parent_path().parent_path() / "kernel-harness";
}

// Before building: a command that cannot take --impl kernel, or that names another
// implementation (it would check a re-implementation, not the tree), is refused at once.
void requireKernelVerb(const std::vector<std::string>& verb) {
  static const std::vector<std::string> verbs = {"check", "fuzz", "replay", "corpus", "zoo", "workload"};
  if (!verb.empty() && std::find(verbs.begin(), verbs.end(), verb.front()) == verbs.end())
    throw InputError(fmt::format("dmacheck kernel runs check, fuzz, replay, corpus, zoo or workload on a tree's "
                                 "code, not '{}'", verb.front()));
  for (std::size_t i = 0; i < verb.size(); ++i) {
    std::string impl;
    if (verb[i] == "--impl" && i + 1 < verb.size()) impl = verb[i + 1];
    if (verb[i].starts_with("--impl=")) impl = verb[i].substr(7);
    if (!impl.empty() && impl != "kernel")
      throw InputError(fmt::format("dmacheck kernel runs the tree's code as --impl kernel, not '--impl {}' (that is a "
                                   "re-implemented variant: run it without `dmacheck kernel`)", impl));
  }
}

// The recipes of the registry's targets that have a harness (kernel/T/tree_recipe.cpp).
std::vector<const kernel::TreeRecipe*> treeRecipes() {
  std::vector<const kernel::TreeRecipe*> out;
  AllTargets::forEach([&]<class T>() {
    if (const kernel::TreeRecipe* r = T::treeRecipe()) out.push_back(r);
  });
  return out;
}

const kernel::TreeRecipe& recipeFor(const std::string& target) {
  for (const kernel::TreeRecipe* r : treeRecipes())
    if (r->target == target) return *r;
  throw InputError(fmt::format("--target {}: dmacheck kernel has no harness for it", target));
}

// "iova (drivers/iommu/iova.c), swiotlb (kernel/dma/swiotlb.c)" for --help.
std::string harnessTargets() {
  std::string out;
  for (const kernel::TreeRecipe* r : treeRecipes())
    out += fmt::format("{}{} ({})", out.empty() ? "" : ", ", r->target, r->sources.front());
  return out;
}

std::vector<std::string> harnessTargetNames() {
  std::vector<std::string> out;
  for (const kernel::TreeRecipe* r : treeRecipes()) out.emplace_back(r->target);
  return out;
}

// The tree's files the target reads, or every harness's (no target), each once.
void listFiles(const std::string& target) {
  std::vector<std::string> files;
  for (const kernel::TreeRecipe* r : treeRecipes())
    if (target.empty() || r->target == target)
      for (const std::string& f : kernel::treeFilesFor(*r))
        if (std::find(files.begin(), files.end(), f) == files.end()) files.push_back(f);
  for (const std::string& f : files) std::cout << f << "\n";
}

// The judge of the built library: read back from beside it while neither the library, nor
// any corpus trace, nor this dmacheck (its variants) changed, else derived (cli/tree_judge.h)
// and kept there.
TreeJudge judgeOf(const std::string& target, const std::string& library) {
  const std::string corpus = std::string(DMACHECK_CORPUS_ROOT) + "/" + target;
  const fs::path cache = library + ".judge";
  std::error_code error;
  auto newest = std::max(fs::last_write_time(library, error), fs::last_write_time(selfPath(), error));
  for (const std::string& f : traceFilesUnder({corpus})) newest = std::max(newest, fs::last_write_time(f, error));
  if (fs::exists(cache, error) && fs::last_write_time(cache, error) > newest)
    if (auto kept = readTreeJudge(cache)) return *kept;
  TreeJudge judge = withTarget(target, [&]<class T>() { return deriveTreeJudge<T>(corpus); });
  writeTreeJudge(judge, cache);
  return judge;
}

// Says which variant judges the tree and hands it to the command through
// <libraryEnv>_JUDGE (kernel/tree_variant.h).
void chooseJudge(const std::string& target, const std::string& library, const std::string& libraryEnv,
                 std::ostream& out) {
  const TreeJudge judge = judgeOf(target, library);
  if (judge.name.empty()) return;
  setenv((libraryEnv + "_JUDGE").c_str(), judge.name.c_str(), 1);
  std::string tied;
  for (const auto& t : judge.tied) tied += (tied.empty() ? "; as near: " : ", ") + t;
  if (judge.differing.empty()) {
    out << fmt::format("judge: {} (the tree's code behaves as it on all {} corpus traces it can run{})\n", judge.name,
                       judge.traces, tied);
    return;
  }
  out << fmt::format("judge: {}, the nearest variant: none behaves as the tree's code on all {} corpus traces it can "
                     "run; {} differ{}:\n",
                     judge.name, judge.traces, judge.differing.size(), tied);
  for (const auto& f : judge.differing) out << "    corpus/" << target << "/" << f << "\n";
}

int runVerb(const Options& o, const kernel::BuiltHarness& built, std::ostream& out) {
  const std::string value = fmt::format("{}:{}", built.library, built.version.text());
  const std::string libraryEnv = recipeFor(o.target).libraryEnv;
  setenv(libraryEnv.c_str(), value.c_str(), 1);
  chooseJudge(o.target, built.library, libraryEnv, out);
  const std::string from = o.tree.git.empty()
                               ? fmt::format("--src {}", shellQuoted(o.tree.src))
                               : fmt::format("--git {} --rev {}", shellQuoted(o.tree.git), shellQuoted(o.tree.rev));
  std::string prefix = fmt::format("{} kernel {} --target {}", shellQuoted(selfPath()), from, o.target);
  if (!o.tree.patch.empty()) prefix += " --patch " + shellQuoted(o.tree.patch);
  if (!o.buildDir.empty()) prefix += " --build-dir " + shellQuoted(o.buildDir);
  setenv(kKernelCommandEnv, prefix.c_str(), 1);
  std::vector<std::string> args = {"/proc/self/exe"};
  args.insert(args.end(), o.verb.begin(), o.verb.end());
  const auto given = [&](const std::string& flag) {
    return std::find(o.verb.begin(), o.verb.end(), flag) != o.verb.end();
  };
  const std::string& verb = o.verb.front();
  if (!given("--target") && verb != "corpus") args.insert(args.end(), {"--target", o.target});
  if (!given("--impl")) args.insert(args.end(), {"--impl", "kernel"});
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::cout.flush();
  execv("/proc/self/exe", argv.data());
  throw InputError(fmt::format("cannot run dmacheck {}: {}", verb, std::strerror(errno)));
}

// The harness of the tree; empty (after saying why) when the tree cannot be tested: a
// tree too old, one that lacks a file, one the shims cannot compile. That is exit 125, what
// `git bisect run` takes as "skip this commit".
std::optional<kernel::BuiltHarness> buildOrSkip(const Options& o, const fs::path& dir) {
  const kernel::TreeRecipe& recipe = recipeFor(o.target);
  // Not a tree at all (a bad --rev, no Makefile) is bad input, exit 2, not a skip.
  const fs::path tree = kernel::materializeTree(o.tree, kernel::treeFilesFor(recipe), dir);
  kernel::readTreeVersion(tree);
  try {
    return kernel::buildHarness(tree, recipe, dir);
  } catch (const InputError& e) {
    std::cerr << "dmacheck kernel: this tree cannot be tested (exit 125): " << e.what() << "\n";
    return std::nullopt;
  }
}

}  // namespace

Command addKernelCommand(CLI::App& root) {
  auto o = std::make_shared<Options>();
  CLI::App* app = root.add_subcommand(
      "kernel", "Build a kernel tree's own allocator file against dmacheck's shims and run a command on it");
  app->add_option("--src", o->tree.src, "Top of a Linux source tree (v5.10 on; only the files it needs are read)");
  app->add_option("--git", o->tree.git, "A Linux git repository to read the files from (with --rev; no checkout)");
  app->add_option("--rev", o->tree.rev, "The revision of --git to build: a commit id, tag, branch, HEAD~3, ...");
  app->add_option("--patch", o->tree.patch, "A patch (-p1) to apply to a scratch copy of the tree's files first");
  app->add_flag("--files", o->listFiles, "Print the tree's files the target reads, one per line, and stop");
  app->add_flag("--json", o->json, "With no command: the build's result as JSON (docs/json.md); a command takes its own --json");
  app->add_option("--target", o->target, "Which allocator: " + harnessTargets() + " (with --files alone: all)")
      ->check(CLI::IsMember(harnessTargetNames()));
  app->add_option("--build-dir", o->buildDir, "Where the harness is built (default: beside this dmacheck's build)");
  app->prefix_command();  // the rest is a dmacheck command run with --impl kernel, e.g. check --runs 1000
  app->footer("After the options: a dmacheck command (check, fuzz, replay FILE, corpus DIR, ...) to run on the build.");
  return {app, [o, app] {
            o->verb = app->remaining();
            if (o->listFiles) {
              listFiles(o->target);
              return kExitOk;
            }
            if (o->target.empty())
              throw InputError("dmacheck kernel needs --target: " + harnessTargets());
            if (o->tree.src.empty() == o->tree.git.empty())
              throw InputError("dmacheck kernel needs --src LINUX_TREE, or --git REPO --rev REV (one of them)");
            if (o->tree.git.empty() && !o->tree.rev.empty()) throw InputError("--rev needs --git REPO");
            requireKernelVerb(o->verb);
            const fs::path dir = o->buildDir.empty() ? defaultBuildDir() : fs::path(o->buildDir);
            const auto harness = buildOrSkip(*o, dir);
            if (!harness) return kExitUntestable;
            const kernel::BuiltHarness& built = *harness;
            if (o->json && o->verb.empty()) {
              nlohmann::json j = resultFrame("kernel");
              j.update({{"src", o->tree.src}, {"git", o->tree.git}, {"rev", o->tree.rev}, {"target", o->target}, {"version", built.version.text()},
                        {"library", built.library}, {"built_seconds", built.seconds},
                        {"up_to_date", built.seconds <= 0}});
              std::cout << j.dump(2) << "\n";
              return kExitOk;
            }
            // Under a command's --json its result alone goes to stdout.
            const bool verbJson = std::find(o->verb.begin(), o->verb.end(), "--json") != o->verb.end();
            std::ostream& out = verbJson ? std::cerr : std::cout;
            out << fmt::format("linux {} {}: {} ({})\n", built.version.text(), o->target, built.library,
                               built.seconds > 0 ? fmt::format("built in {:.2f} s", built.seconds)
                                                 : std::string("up to date"));
            if (o->verb.empty()) return kExitOk;
            return runVerb(*o, built, out);
          }};
}

}  // namespace dmacheck::cli
