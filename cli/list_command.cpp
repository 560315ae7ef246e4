// `dmacheck list`: targets, variants with their provenance and known bugs, the bug table
// and the invariants; --json for scripts and CI.
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "impl/iova/variant.h"
#include "impl/swiotlb/variant.h"
#include "model/iova/invariants.h"
#include "model/swiotlb/invariants.h"

namespace dmacheck::cli {

namespace {

std::string joined(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

nlohmann::json swiotlbJson() {
  nlohmann::json variants = nlohmann::json::array(), bugs = nlohmann::json::array(), invariants = nlohmann::json::array();
  for (const auto& v : impl::swiotlbVariants())
    variants.push_back({{"name", v.name}, {"aliases", v.aliases}, {"state", v.state}, {"commits", v.commits},
                        {"kernels", v.kernels}, {"summary", v.summary}, {"known_bugs", v.knownBugs},
                        {"latest", &v == &impl::latestSwiotlbVariant()}});
  for (const auto& b : impl::swiotlbBugs())
    bugs.push_back({{"id", b.id}, {"summary", b.summary}, {"introduced", b.introduced}, {"fixed", b.fixed},
                    {"invariants", b.invariants}, {"trigger_ops", b.triggerOps}, {"trigger", b.trigger}});
  for (const auto& i : swiotlb::kInvariants)
    invariants.push_back({{"id", std::string(i.id)}, {"summary", std::string(i.summary)}});
  return {{"target", "swiotlb"}, {"variants", variants}, {"bugs", bugs}, {"invariants", invariants}};
}

nlohmann::json iovaJson() {
  nlohmann::json variants = nlohmann::json::array(), bugs = nlohmann::json::array(), invariants = nlohmann::json::array();
  for (const auto& v : impl::iova::iovaVariants())
    variants.push_back({{"name", v.name}, {"aliases", v.aliases}, {"state", v.state}, {"commits", v.commits},
                        {"kernels", v.kernels}, {"summary", v.summary}, {"known_bugs", v.knownBugs}});
  for (const auto& b : impl::iova::iovaBugs())
    bugs.push_back({{"id", b.id}, {"summary", b.summary}, {"introduced", b.introduced}, {"fixed", b.fixed},
                    {"invariants", b.invariants}, {"trigger_ops", b.triggerOps}, {"trigger", b.trigger}});
  for (const auto& i : iova::kInvariants)
    invariants.push_back({{"id", std::string(i.id)}, {"summary", std::string(i.summary)}});
  return {{"target", "iova"}, {"variants", variants}, {"bugs", bugs}, {"invariants", invariants}};
}

void printIova(std::ostream& out) {
  out << "target iova: IOVA lifecycle (drivers/iommu/iova.c + dma-iommu flush queues; s390 legacy bitmap)\n\nvariants:\n";
  for (const auto& v : impl::iova::iovaVariants()) {
    out << fmt::format("  {:<22} {:<9} {:<18} {}\n", v.name, v.state, v.kernels, v.summary);
    if (!v.aliases.empty()) out << fmt::format("  {:<22} aliases: {}\n", "", joined(v.aliases));
    out << fmt::format("  {:<22} known bugs: {}\n", "", v.knownBugs.empty() ? "none" : joined(v.knownBugs));
  }
  out << "\nbugs:\n";
  for (const auto& b : impl::iova::iovaBugs())
    out << fmt::format("  {:<20} {:<26} {}\n  {:<20} introduced {}; fixed {}\n", b.id, joined(b.invariants, "/"),
                       b.summary, "", b.introduced, b.fixed);
  out << "\ninvariants:\n";
  for (const auto& i : iova::kInvariants) out << fmt::format("  {:<13} {}\n", i.id, i.summary);
}

void printHuman(std::ostream& out) {
  out << "target swiotlb: SWIOTLB bounce-buffer slot allocator (kernel/dma/swiotlb.c)\n\nvariants:\n";
  for (const auto& v : impl::swiotlbVariants()) {
    out << fmt::format("  {:<14} {:<6} {:<40} {}\n", v.name, v.state, v.kernels, v.summary);
    if (!v.aliases.empty()) out << fmt::format("  {:<14} aliases: {}\n", "", joined(v.aliases));
    out << fmt::format("  {:<14} known bugs: {}\n", "", v.knownBugs.empty() ? "none" : joined(v.knownBugs));
  }
  out << "\nbugs:\n";
  for (const auto& b : impl::swiotlbBugs())
    out << fmt::format("  {:<20} {:<26} {}\n  {:<20} introduced {}; fixed {}\n", b.id, joined(b.invariants, "/"),
                       b.summary, "", b.introduced, b.fixed);
  out << "\ninvariants:\n";
  for (const auto& i : swiotlb::kInvariants) out << fmt::format("  {:<13} {}\n", i.id, i.summary);
}

}  // namespace

Command addListCommand(CLI::App& root) {
  struct Options {
    std::string target = "all";
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* app = root.add_subcommand("list", "List targets, implementation variants, known bugs and invariants");
  app->add_option("--target", options->target, "Target to list: swiotlb, iova or all")
      ->check(CLI::IsMember({"swiotlb", "iova", "all"}));
  app->add_flag("--json", options->json, "Machine-readable output");
  return {app, [options] {
            const bool sw = options->target != "iova", io = options->target != "swiotlb";
            if (options->json) {
              nlohmann::json targets = nlohmann::json::array();
              if (sw) targets.push_back(swiotlbJson());
              if (io) targets.push_back(iovaJson());
              std::cout << nlohmann::json{{"targets", targets}}.dump(2) << "\n";
            } else {
              if (sw) printHuman(std::cout);
              if (sw && io) std::cout << "\n";
              if (io) printIova(std::cout);
            }
            return kExitOk;
          }};
}

}  // namespace dmacheck::cli
