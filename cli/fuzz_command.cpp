// `dmacheck fuzz`: a libFuzzer campaign on one implementation. The corpus lives in a
// persistent directory (the next run resumes from it); each crash is decoded, checked
// again here, deduplicated by invariant, minimised per operation and saved as a trace
// under findings/ with its replay command. After a finding the fuzzer is restarted with
// that invariant ignored (DMACHECK_IGNORE), so one bug does not hide the next.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <random>
#include <regex>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/input_error.h"
#include "check/runnable_ops.h"
#include "cli/child_process.h"
#include "cli/fuzzer_binary.h"
#include "cli/command.h"
#include "cli/json_result.h"
#include "cli/trace_files.h"

namespace dmacheck::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::atomic<bool> interrupted{false};
extern "C" void onInterrupt(int) { interrupted = true; }

struct Options {
  std::string target = AllTargets::names().front();
  std::string impl;
  double seconds = 60;
  int jobs = 1;
  std::string corpus;        // default: <out>/corpus
  std::string out;           // default: dmacheck-fuzz/<target>-<impl>
  std::string seedCorpus;    // traces to seed an empty corpus with
  std::string hunt;
  std::string fuzzer;
  int maxLen = 512;
  std::uint64_t seed = 0;
  bool stopAtFirst = false;
  bool json = false;  // the result (stats) on stdout; the progress and findings go to stderr
};

struct Finding {
  std::string invariant;
  std::string trace;
  double seconds = 0;
  std::size_t ops = 0;
};

struct Progress {
  std::uint64_t execsDone = 0;   // in finished fuzzer runs
  std::uint64_t execsNow = 0;    // in the running one
  std::uint64_t execPerSec = 0, coverage = 0, features = 0, corpus = 0;
};

template <class T>
class Campaign {
 public:
  Campaign(Options o, typename T::Implementation impl)
      : o_(std::move(o)), impl_(std::move(impl)), start_(Clock::now()), tty_(isatty(STDOUT_FILENO)) {
    fs::create_directories(o_.corpus);
    fs::create_directories(artifacts());
    fs::create_directories(findings());
    lockOutput();
  }

  int run() {
    std::streambuf* stdoutBuffer = std::cout.rdbuf();
    if (o_.json) std::cout.rdbuf(std::cerr.rdbuf());  // the human report goes to stderr
    struct Restore {
      std::streambuf* buffer;
      ~Restore() { std::cout.rdbuf(buffer); }
    } restore{stdoutBuffer};
    seedCorpus();
    std::cout << fmt::format("dmacheck fuzz: target {}, impl {}, {} job(s), {:.0f} s, libFuzzer seed {}\n  fuzzer {}\n  corpus {} "
                             "({} inputs), findings {}\n",
                             o_.target, impl_.name, o_.jobs, o_.seconds, o_.seed, o_.fuzzer, o_.corpus, corpusSize(),
                             findings().string());
    for (int round = 0; !done(); ++round) runFuzzer(round);
    processArtifacts();
    const int status = summarize();
    if (o_.json) {
      nlohmann::json j = resultFrame("fuzz");
      j.update(stats());
      std::cout.rdbuf(stdoutBuffer);
      std::cout << j.dump(2) << "\n";
    }
    return status;
  }

 private:
  fs::path artifacts() const { return fs::path(o_.out) / "artifacts"; }
  fs::path findings() const { return fs::path(o_.out) / "findings"; }
  double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }
  bool hunted() const {
    for (const auto& f : found_) if (f.invariant == o_.hunt) return true;
    return false;
  }
  bool done() const {
    return interrupted || elapsed() >= o_.seconds - 1 || (!o_.hunt.empty() && hunted()) ||
           (o_.stopAtFirst && !found_.empty());
  }

  std::size_t corpusSize() const {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(o_.corpus)) n += e.is_regular_file() ? 1 : 0;
    return n;
  }

  void seedCorpus() {
    if (o_.seedCorpus.empty()) return;
    for (const auto& file : traceFilesUnder({o_.seedCorpus})) {
      const auto bytes = T::encode(loadTrace<T>(file).scenario);
      writeFileAtomically((fs::path(o_.corpus) / (fs::path(file).stem().string() + ".seed")).string(),
                          std::string(bytes.begin(), bytes.end()));
    }
  }

  // One campaign at a time in an output directory: a second one would mix up the findings.
  // The lock is on the directory itself, so it writes nothing.
  void lockOutput() {
    const int fd = open(o_.out.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) throw InputError(fmt::format("cannot open '{}': {}", o_.out, std::strerror(errno)));
    if (flock(fd, LOCK_EX | LOCK_NB) != 0)
      throw InputError(fmt::format("another dmacheck fuzz campaign is running in '{}': give another --out", o_.out));
  }

  // A full disk ends the campaign at once: libFuzzer would go on writing empty corpus files.
  void requireDiskSpace() {
    struct statvfs fsStats {};
    if (statvfs(o_.out.c_str(), &fsStats) != 0) return;
    const std::uint64_t freeBytes = std::uint64_t{fsStats.f_bavail} * fsStats.f_frsize;
    if (freeBytes < kMinFreeBytes) {
      removeEmptyFiles();
      throw InputError(fmt::format("'{}' has {} KiB free (the campaign needs {} KiB): stopped; every finding so far "
                                   "is in {}", o_.out, freeBytes >> 10, kMinFreeBytes >> 10, findings().string()));
    }
  }
  void removeEmptyFiles() {
    std::error_code ignored;
    for (const fs::path& dir : {fs::path(o_.corpus), artifacts()})
      for (const auto& e : fs::directory_iterator(dir, ignored))
        if (e.is_regular_file(ignored) && e.file_size(ignored) == 0) fs::remove(e.path(), ignored);
  }

  // libFuzzer's per-input limit (1200 s by default, longer than most campaigns): a sixth of
  // the campaign, 5 to 60 s. Our step budgets stop a hang of our code within a second; this
  // catches one they cannot see (the kernel's code, a loop that charges no steps).
  int perInputTimeout() const { return std::clamp(int(o_.seconds / 6), 5, 60); }

  void runFuzzer(int round) {
    std::vector<std::string> args = {o_.fuzzer, o_.corpus,
                                     fmt::format("-max_total_time={}", std::max(1, int(o_.seconds - elapsed()))),
                                     "-artifact_prefix=" + artifacts().string() + "/",
                                     fmt::format("-max_len={}", o_.maxLen), fmt::format("-seed={}", o_.seed + round),
                                     fmt::format("-timeout={}", perInputTimeout()), "-print_final_stats=1"};
    if (fs::exists(o_.fuzzer + ".dict")) args.push_back("-dict=" + o_.fuzzer + ".dict");
    if (o_.jobs > 1) args.insert(args.end(), {fmt::format("-fork={}", o_.jobs), "-ignore_crashes=1"});
    std::string ignored;
    for (const auto& f : found_) ignored += (ignored.empty() ? "" : ",") + f.invariant;
    progress_.execsNow = 0;
    int ticks = 0;
    const ChildResult r = runChild(args, {{"DMACHECK_IMPL", impl_.name}, {"DMACHECK_IGNORE", ignored}},
                                   [&](const std::string& line) { parse(line); },
                                   [&] {
                                     requireDiskSpace();
                                     processArtifacts();
                                     show(false);
                                     if (++ticks % 10 == 0) writeStats();
                                     return done();
                                   });
    progress_.execsDone += progress_.execsNow;
    progress_.execsNow = 0;
    reportDeath(r);
  }

  // libFuzzer ends with 0 (time is up, or SIGINT) or a crash code after a finding; a signal
  // from outside (SIGKILL, the OOM killer) is said, and a second one ends the campaign.
  void reportDeath(const ChildResult& r) {
    if (!r.signal || interrupted) return;
    std::cout << fmt::format("\nlibFuzzer was killed by signal {} ({}){}\n", r.signal, strsignal(r.signal),
                             deaths_ ? "" : "; restarting it") << std::flush;
    if (deaths_++) throw InputError(fmt::format("libFuzzer was killed twice (signal {}): campaign stopped", r.signal));
  }

  // libFuzzer status lines: "#1234 NEW cov: 583 ft: 3290 corp: 977/46Kb ... exec/s: 11846"
  // and, in fork mode, "#1234: cov: 583 ft: 3290 corp: 977 exec/s 11846 ..." (no colon in
  // libFuzzer 14's fork mode).
  void parse(const std::string& line) {
    static const std::regex status(R"(^#(\d+):?\s.*cov: (\d+) ft: (\d+) corp: (\d+).*exec/s:? (\d+))");
    std::smatch m;
    if (std::regex_search(line, m, status)) {
      progress_.execsNow = std::stoull(m[1]);
      progress_.coverage = std::stoull(m[2]), progress_.features = std::stoull(m[3]);
      progress_.corpus = std::stoull(m[4]), progress_.execPerSec = std::stoull(m[5]);
    } else if ((line.find("Sanitizer:") != std::string::npos || line.find("runtime error:") != std::string::npos ||
                line.find("DMACHECK-HARNESS-ERROR") != std::string::npos) &&
               sanitizerLines_.size() < 20) {
      sanitizerLines_.push_back(line);  // a sanitizer report, not one of our deliberate aborts
    }
  }

  void show(bool final) {
    const std::string text = fmt::format("[{:5.0f}s] execs {:>10}  {:>7}/s  cov {:>5}  ft {:>6}  corpus {:>6}  findings {}",
                                         elapsed(), progress_.execsDone + progress_.execsNow, progress_.execPerSec,
                                         progress_.coverage, progress_.features, progress_.corpus, found_.size());
    if (tty_) std::cout << "\r" << text << (final ? "\n" : "") << std::flush;
    else if (final || elapsed() - lastShown_ >= 10) std::cout << text << "\n" << std::flush, lastShown_ = elapsed();
  }

  void processArtifacts() {
    for (const auto& entry : fs::directory_iterator(artifacts())) {
      const std::string name = entry.path().filename().string();
      const bool crash = name.rfind("crash-", 0) == 0, timeout = name.rfind("timeout-", 0) == 0;
      if (!entry.is_regular_file() || !(crash || timeout) || seen_.count(name)) continue;
      seen_.insert(name);
      const std::string bytes = readFile(entry.path().string());
      const auto input = T::decode(bytes);
      if (timeout && !checkerFinishes(input.scenario)) {
        unexplained_.push_back(name);  // it hangs our checker too: a loop that charges no steps
        continue;
      }
      if (!saveNewFinding(runnableBy(input.scenario, impl_), name)) fs::remove(entry.path());
    }
  }

  // Whether the checker ends on a timeout's input within libFuzzer's limit: run in a fork,
  // so that a hang the step budgets do not see cannot stop the campaign.
  bool checkerFinishes(const typename T::Scenario& scenario) const {
    std::cout.flush();
    const pid_t pid = fork();
    if (pid == 0) {
      alarm(static_cast<unsigned>(perInputTimeout()));
      T::check(scenario, impl_, true, false);
      _exit(0);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) < 0) return false;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }

  // True when the crash is kept: a new invariant, or a crash the checker cannot explain.
  bool saveNewFinding(const typename T::Scenario& scenario, const std::string& artifact) {
    std::set<std::string> known;
    for (const auto& f : found_) known.insert(f.invariant);
    const auto run = T::check(scenario, impl_, false, true);
    const std::vector<Violation> all = run.allViolations();
    const Violation* fresh = nullptr;
    for (const auto& v : all)
      if (!fresh && !known.count(v.invariant)) fresh = &v;
    if (!run.firstViolation) {
      unexplained_.push_back(artifact);  // a sanitizer or harness crash: keep it for a human
      return true;
    }
    if (!fresh) return false;
    const std::string invariant = fresh->invariant;
    const auto small = T::minimize(scenario, impl_, invariant);
    const auto violation = T::firstOf(small, impl_, invariant);
    const std::string path = freshPath(findings() / fmt::format("{}-{}", impl_.name, invariant)).string();
    const auto report = T::check(small, impl_, false, true);
    // 'expect' states the trace's verdict (its first violation), which may be another
    // invariant that comes along with this one; the notes name the one this finding is for.
    typename T::TraceMeta meta{impl_.name,
                            {fmt::format("found by: {} fuzz --target {} --impl {} after {:.1f} s ({})", commandPrefix(), o_.target,
                                         impl_.name, elapsed(), artifact),
                             fmt::format("violates {} at step {}: {}", invariant, violation->step, violation->detail)},
                            {{0, {impl_.name}, report.firstViolation->invariant}}};
    writeFileAtomically(path, T::trace(small, meta, &report));
    found_.push_back({invariant, path, elapsed(), small.ops.size()});
    if (tty_) std::cout << "\n";
    std::cout << fmt::format("FINDING {} after {:.1f} s: {}\n  minimised to {} operations, saved {}\n  replay: {} "
                             "replay {}\n", invariant, elapsed(), violation->detail, small.ops.size(), path,
                             commandPrefix(), path) << std::flush;  // on disk and said before anything else can go
    writeStats();
    return true;
  }

  // STEM.trace, or STEM-2.trace, ... : a finding never replaces an earlier campaign's.
  static fs::path freshPath(const fs::path& stem) {
    fs::path path = stem.string() + ".trace";
    for (int n = 2; fs::exists(path); ++n) path = fmt::format("{}-{}.trace", stem.string(), n);
    return path;
  }

  nlohmann::json stats() const {
    const double seconds = elapsed();
    const std::uint64_t execs = progress_.execsDone + progress_.execsNow;
    nlohmann::json stats = {{"target", o_.target}, {"impl", impl_.name}, {"fuzzer", o_.fuzzer}, {"jobs", o_.jobs},
                            {"seconds", seconds}, {"execs", execs}, {"execs_per_sec", seconds > 0 ? execs / seconds : 0},
                            {"coverage", progress_.coverage}, {"features", progress_.features},
                            {"corpus_files", corpusSize()}, {"interrupted", interrupted.load()},
                            {"unexplained_crashes", unexplained_}, {"findings", nlohmann::json::array()}};
    for (const auto& f : found_)
      stats["findings"].push_back({{"invariant", f.invariant}, {"trace", f.trace}, {"seconds_to_find", f.seconds},
                                   {"ops", f.ops}, {"replay", commandPrefix() + " replay " + f.trace}});
    return stats;
  }
  // Rewritten every 10 s and at each finding, so a killed campaign leaves a current one.
  void writeStats() const { writeFileAtomically((fs::path(o_.out) / "stats.json").string(), stats().dump(2) + "\n"); }

  int summarize() {
    if (tty_) show(true);
    const double seconds = elapsed();
    const std::uint64_t execs = progress_.execsDone + progress_.execsNow;
    writeStats();
    removeEmptyFiles();
    std::cout << fmt::format("\n{} after {:.1f} s: {} execs ({:.0f}/s), coverage {}, corpus {} inputs, {} finding(s){}\n",
                             interrupted ? "Interrupted" : "Done", seconds, execs, seconds > 0 ? execs / seconds : 0,
                             progress_.coverage, corpusSize(), found_.size(),
                             o_.hunt.empty() ? "" : fmt::format(" ({} {})", o_.hunt, hunted() ? "found" : "not found"));
    for (const auto& f : found_)
      std::cout << fmt::format("  {:<13} {:>3} ops  after {:5.1f} s  {} replay {}\n", f.invariant, f.ops, f.seconds,
                               commandPrefix(), f.trace);
    for (const auto& a : unexplained_)
      std::cout << (a.rfind("timeout-", 0) == 0
                        ? fmt::format("  timeout: an input ran past libFuzzer's -timeout={} and the checker does not "
                                      "report it (replay it to see where it spins): {}\n",
                                      perInputTimeout(), (artifacts() / a).string())
                        : fmt::format("  crash the checker does not reproduce (sanitizer report?): {}\n",
                                      (artifacts() / a).string()));
    for (const auto& line : sanitizerLines_) std::cout << "  " << line << "\n";
    std::cout << fmt::format("stats: {}\n", (fs::path(o_.out) / "stats.json").string());
    if (!unexplained_.empty()) return kExitViolation;
    if (!o_.hunt.empty()) return hunted() ? kExitViolation : kExitOk;
    return found_.empty() ? kExitOk : kExitViolation;
  }

  Options o_;
  typename T::Implementation impl_;
  Clock::time_point start_;
  bool tty_;
  double lastShown_ = 0;
  Progress progress_;
  std::vector<Finding> found_;
  std::set<std::string> seen_;
  std::vector<std::string> unexplained_;
  std::vector<std::string> sanitizerLines_;
  int deaths_ = 0;  // libFuzzer runs killed by a signal from outside
  static constexpr std::uint64_t kMinFreeBytes = 1 << 20;
};

}  // namespace

Command addFuzzCommand(CLI::App& root) {
  auto o = std::make_shared<Options>();
  CLI::App* app = root.add_subcommand("fuzz", "Run a libFuzzer campaign on one implementation");
  app->add_option("--target", o->target, "Allocator family: " + targetNames());
  app->add_option("--impl", o->impl, "Implementation variant (see 'dmacheck list')")->required();
  app->add_option("--time", o->seconds, "Campaign length in seconds (at least 5: libFuzzer needs about 1 s to start)")
      ->check(CLI::Range(5.0, 1e7));
  app->add_option("--jobs", o->jobs, "Parallel fuzzing processes (libFuzzer fork mode when > 1)")->check(CLI::Range(1, 256));
  app->add_option("--corpus", o->corpus, "Persistent corpus directory (default: OUT/corpus); a rerun resumes from it");
  app->add_option("--out", o->out, "Campaign directory for findings/, artifacts/ and stats.json (default: dmacheck-fuzz/TARGET-IMPL)");
  app->add_option("--seed-corpus", o->seedCorpus, "Traces to add to the corpus first (e.g. corpus/<target>)");
  app->add_option("--hunt", o->hunt, "Stop as soon as this invariant is violated")->check(CLI::IsMember(invariantIds()));
  app->add_option("--fuzzer", o->fuzzer, "The libFuzzer binary (default: build/fuzz or build/fuzz-nosan next to dmacheck)");
  app->add_option("--max-len", o->maxLen, "Largest input in bytes (about 5 per operation)")->check(CLI::Range(16, 1 << 20));
  app->add_option("--seed", o->seed, "libFuzzer seed of the first run (default: drawn and printed)")->check(seedValidator());
  app->add_flag("--stop-at-first", o->stopAtFirst, "End the campaign at the first finding");
  app->add_flag("--json", o->json, "Machine-readable result on stdout, progress on stderr (docs/json.md)");
  return {app, [o] {
            return withTarget(o->target, [&]<class T>() {
              const auto impl = implementationNamed<T>(o->impl);
              const auto ids = T::invariantIds();
              if (!o->hunt.empty() && std::find(ids.begin(), ids.end(), o->hunt) == ids.end())
                throw InputError(fmt::format("--hunt {} is not a {} invariant", o->hunt, T::name));
              if (o->out.empty()) o->out = fmt::format("dmacheck-fuzz/{}-{}", o->target, impl.name);
              if (o->corpus.empty()) o->corpus = (fs::path(o->out) / "corpus").string();
              if (o->fuzzer.empty()) o->fuzzer = locateFuzzer(o->target);
              else if (!fs::exists(o->fuzzer)) throw InputError(fmt::format("--fuzzer: no such file '{}'", o->fuzzer));
              requireFuzzerOf(o->fuzzer, o->target);
              if (o->seed == 0) o->seed = std::random_device{}() | 1;
              std::signal(SIGINT, onInterrupt);
              std::signal(SIGTERM, onInterrupt);
              return Campaign<T>(*o, impl).run();
            });
          }};
}

}  // namespace dmacheck::cli
