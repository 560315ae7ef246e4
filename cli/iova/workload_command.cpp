// `dmacheck workload`: an NVMe-like mix (check/iova/workload.h) under several unmap
// settings, side by side: IOTLB flushes per 1,000 unmaps, how soon an IOVA is reused,
// how many ranges wait in the flush queues. The default settings are seed 002's: strict,
// per-CPU queues of 256 entries / 10 ms, one queue of 32768 / 1000 ms.
#include <iostream>

#include <fmt/format.h>

#include "base/input_error.h"
#include "check/iova/checker.h"
#include "check/iova/target.h"
#include "check/iova/workload.h"
#include "check/iova/workload_stats.h"
#include "check/numbers.h"
#include "cli/command.h"
#include "cli/json_result.h"
#include "cli/target_commands.h"
#include "model/iova/config_rules.h"

namespace dmacheck::cli {

namespace {

struct Options {
  std::string target = "iova";
  std::string impl = "linux-6.12";
  std::vector<std::string> settings = {"strict", "percpu:256:10", "single:32768:1000"};
  iova::NvmeMix mix;
  bool check = false;
  bool json = false;
};

std::uint32_t field32(const std::string& text, const char* what) {
  const std::uint64_t value = parseNumber(text, what);
  if (value > UINT32_MAX) throw InputError(fmt::format("--setting: {} {} does not fit 32 bits", what, text));
  return static_cast<std::uint32_t>(value);
}

// strict | percpu[:SIZE:TIMEOUT_MS] | single[:SIZE:TIMEOUT_MS]
iova::Config parseSetting(const std::string& text) {
  iova::Config c;
  const auto colon = text.find(':');
  const std::string kind = text.substr(0, colon);
  if (kind == "strict" && colon == std::string::npos) return c;
  if (kind != "percpu" && kind != "single")
    throw InputError(fmt::format("--setting '{}': expected strict, percpu[:SIZE:TIMEOUT_MS] or single[:SIZE:TIMEOUT_MS]",
                                 text));
  c.lazy = true;
  c.queue = kind == "single" ? iova::QueueKind::Single : iova::QueueKind::PerCpu;
  c.fqSize = kind == "single" ? 32768 : 256;
  c.fqTimeoutMs = kind == "single" ? 1000 : 10;
  if (colon == std::string::npos) return c;
  const auto second = text.find(':', colon + 1);
  if (second == std::string::npos)
    throw InputError(fmt::format("--setting '{}': give both the queue size and the timeout, e.g. {}:256:10", text, kind));
  c.fqSize = field32(text.substr(colon + 1, second - colon - 1), "queue size");
  c.fqTimeoutMs = field32(text.substr(second + 1), "timeout ms");
  return c;  // the ranges are the configuration rules', checked with the domain
}

std::string settingName(const iova::Config& c) {
  if (!c.lazy) return "strict";
  return fmt::format("{} {}/{} ms", c.queue == iova::QueueKind::Single ? "single" : "per-CPU", c.fqSize, c.fqTimeoutMs);
}

std::string checkVerdict(const iova::Scenario& s, const iova::Implementation& impl) {
  const auto run = iova::checkScenario(s, impl.make);
  if (!run.firstViolation) return "checker: every invariant holds";
  return fmt::format("checker: {} at step {}: {}", run.firstViolation->invariant, run.firstViolation->step,
                     run.firstViolation->detail);
}

nlohmann::json statsJson(const iova::Scenario& s, const iova::WorkloadStats& w) {
  return {{"setting", settingName(s.config)}, {"flushes_per_1000_unmaps", w.flushesPer1000Unmaps()},
          {"flush_all", w.flushAll}, {"flush_range", w.flushRange}, {"maps", w.maps}, {"refused", w.refused},
          {"unmaps", w.unmaps}, {"reused_maps", w.reusedMaps},
          {"reuse_ms", {{"p10", w.reuseMs.p10}, {"median", w.reuseMs.median}, {"p90", w.reuseMs.p90}}},
          {"reuse_unmaps_median", w.reuseUnmaps.median}, {"peak_queued", w.peakQueued},
          {"stale_maps", w.staleMaps}, {"collisions", w.collisions}, {"seconds", w.seconds}};
}

int run(const Options& o) {
  std::streambuf* stdoutBuffer = std::cout.rdbuf();
  if (o.json) std::cout.rdbuf(std::cerr.rdbuf());  // the table on stderr, the result on stdout
  struct Restore {
    std::streambuf* buffer;
    ~Restore() { std::cout.rdbuf(buffer); }
  } restore{stdoutBuffer};
  nlohmann::json settings = nlohmann::json::array();
  if (o.target != "iova") throw InputError(fmt::format("--target {}: workloads exist for the iova target only", o.target));
  const auto impl = iova::IovaTarget::find(o.impl);
  if (!impl) throw InputError(iova::IovaTarget::unknown(o.impl));
  std::vector<iova::Scenario> runs;  // every setting is checked before anything runs
  for (const std::string& text : o.settings) {
    runs.push_back(iova::nvmeWorkload(o.mix, parseSetting(text)));
    if (auto problem = iova::model::configProblem(runs.back().config))
      throw InputError(fmt::format("--setting {}: {}", text, *problem));
  }
  std::cout << fmt::format("dmacheck workload: NVMe-like mix on {} ({} CPUs, queue depth {}, {} I/Os at {} per ms, "
                           "seed {})\n",
                           impl->name, o.mix.cpus, o.mix.queueDepth, o.mix.ios, o.mix.iosPerMs, o.mix.seed);
  std::cout << fmt::format("{:<22} {:>10} {:>9} {:>9} {:>8} {:>22} {:>9} {:>8} {:>6} {:>7}\n", "setting",
                           "flush/1k", "flushAll", "flushRng", "reused", "reuse ms p10/med/p90", "unmaps", "queued",
                           "stale", "time s");
  bool wrong = false;
  for (const iova::Scenario& s : runs) {
    const iova::WorkloadStats w = iova::measureWorkload(s, impl->make);
    settings.push_back(statsJson(s, w));
    std::cout << fmt::format("{:<22} {:>10.2f} {:>9} {:>9} {:>7.1f}% {:>7.0f}/{:>6.0f}/{:>7.0f} {:>9.0f} {:>8} {:>6} {:>7.2f}\n",
                             settingName(s.config), w.flushesPer1000Unmaps(), w.flushAll, w.flushRange,
                             w.maps ? 100.0 * static_cast<double>(w.reusedMaps) / static_cast<double>(w.maps) : 0.0,
                             w.reuseMs.p10, w.reuseMs.median, w.reuseMs.p90, w.reuseUnmaps.median, w.peakQueued,
                             w.staleMaps, w.seconds);
    if (w.refused || w.collisions || w.staleMaps) {
      wrong = true;
      std::cout << fmt::format("    ! {} maps refused, {} iommu_map collisions (I-DISJ), {} maps over stale IOTLB "
                               "entries (FQ-SAFE)\n", w.refused, w.collisions, w.staleMaps);
    }
    if (s.config.queue == iova::QueueKind::Single && s.config.lazy && impl->variant &&
        !impl->variant->rules.singleQueue)
      std::cout << "    (this version has no single queue (32d5bc8b09c7, v6.7): one ring of this size per CPU ran)\n";
    if (o.check) {
      const std::string verdict = checkVerdict(s, *impl);
      settings.back()["checker"] = verdict;
      std::cout << "    " << verdict << "\n";
    }
  }
  std::cout << "flush/1k: IOTLB invalidations per 1,000 unmaps; reused: maps given a pfn unmapped earlier; reuse ms: "
               "simulated time since that unmap;\nunmaps: median unmaps in between; queued: peak ranges waiting in "
               "flush queues; stale: maps over pfns the IOTLB may still hold.\n";
  if (o.json) {
    nlohmann::json j = resultFrame("workload");
    j.update({{"impl", impl->name}, {"cpus", o.mix.cpus}, {"queue_depth", o.mix.queueDepth}, {"ios", o.mix.ios},
              {"ios_per_ms", o.mix.iosPerMs}, {"seed", o.mix.seed}, {"settings", settings}});
    std::cout.rdbuf(stdoutBuffer);
    std::cout << j.dump(2) << "\n";
  }
  return wrong ? kExitViolation : kExitOk;
}


Command addWorkloadCommand(CLI::App& root) {
  auto o = std::make_shared<Options>();
  CLI::App* app = root.add_subcommand("workload", "Run an NVMe-like I/O mix under several flush-queue settings and "
                                                  "report flushes per 1,000 unmaps and IOVA reuse (iova target)");
  app->add_option("--target", o->target, "Allocator family (iova)");
  app->add_option("--impl", o->impl, "Implementation variant (default linux-6.12; see 'dmacheck list --target iova')");
  app->add_option("--setting", o->settings,
                  "Unmap setting(s): strict, percpu[:SIZE:TIMEOUT_MS], single[:SIZE:TIMEOUT_MS] "
                  "(default: strict percpu:256:10 single:32768:1000)");
  app->add_option("--ios", o->mix.ios, "I/Os (maps) in the run")->check(CLI::Range(1, 10000000));
  app->add_option("--cpus", o->mix.cpus, "CPUs submitting I/O")->check(CLI::Range(1, 64));
  app->add_option("--depth", o->mix.queueDepth, "Outstanding I/Os per CPU")->check(CLI::Range(1, 4096));
  app->add_option("--ios-per-ms", o->mix.iosPerMs, "I/Os per simulated millisecond, all CPUs")->check(CLI::Range(1, 1000000));
  app->add_option("--seed", o->mix.seed, "Seed of the size mix and completion order")->check(seedValidator());
  app->add_flag("--check", o->check, "Also run the whole checker (model and every invariant) on each run (slow)");
  app->add_flag("--json", o->json, "Machine-readable result on stdout, the table on stderr (docs/json.md)");
  return {app, [o] { return run(*o); }};
}

const bool registered = registerTargetCommand(addWorkloadCommand);

}  // namespace

}  // namespace dmacheck::cli
