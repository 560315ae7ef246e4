// `dmacheck list`: targets, variants with their provenance and known bugs, the bug table
// and the invariants; --json for scripts and CI.
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "impl/iova/variant.h"
#include "impl/pagesize/variant.h"
#include "impl/swiotlb/variant.h"
#include "model/iova/invariants.h"
#include "model/pagesize/invariants.h"
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

// A target whose registry uses impl/variant_record.h and impl/bug_record.h.
template <class Variants, class Bugs, class Invariants>
nlohmann::json recordsJson(const char* target, const Variants& vs, const Bugs& bs, const Invariants& is) {
  nlohmann::json variants = nlohmann::json::array(), bugs = nlohmann::json::array(), invariants = nlohmann::json::array();
  for (const auto& v : vs)
    variants.push_back({{"name", v.name}, {"aliases", v.aliases}, {"state", v.state}, {"commits", v.commits},
                        {"kernels", v.kernels}, {"summary", v.summary}, {"known_bugs", v.knownBugs}});
  for (const auto& b : bs)
    bugs.push_back({{"id", b.id}, {"summary", b.summary}, {"introduced", b.introduced}, {"fixed", b.fixed},
                    {"invariants", b.invariants}, {"trigger_ops", b.triggerOps}, {"trigger", b.trigger}});
  for (const auto& i : is) invariants.push_back({{"id", std::string(i.id)}, {"summary", std::string(i.summary)}});
  return {{"target", target}, {"variants", variants}, {"bugs", bugs}, {"invariants", invariants}};
}

template <class Variants, class Bugs, class Invariants>
void printRecords(std::ostream& out, const std::string& title, const Variants& vs, const Bugs& bs,
                  const Invariants& is) {
  out << title << "\n\nvariants:\n";
  for (const auto& v : vs) {
    out << fmt::format("  {:<22} {:<15} {:<18} {}\n", v.name, v.state, v.kernels, v.summary);
    if (!v.aliases.empty()) out << fmt::format("  {:<22} aliases: {}\n", "", joined(v.aliases));
    out << fmt::format("  {:<22} known bugs: {}\n", "", v.knownBugs.empty() ? "none" : joined(v.knownBugs));
  }
  out << "\nbugs:\n";
  for (const auto& b : bs)
    out << fmt::format("  {:<20} {:<26} {}\n  {:<20} introduced {}; fixed {}\n", b.id, joined(b.invariants, "/"),
                       b.summary, "", b.introduced, b.fixed);
  out << "\ninvariants:\n";
  for (const auto& i : is) out << fmt::format("  {:<13} {}\n", i.id, i.summary);
}

const char* kIovaTitle = "target iova: IOVA lifecycle (drivers/iommu/iova.c + dma-iommu flush queues; s390 legacy bitmap)";
const char* kPagesizeTitle =
    "target pagesize: page-size rules (iommu_map's page split, VFIO type1 map/unmap and accounting)";

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
  app->add_option("--target", options->target, "Target to list: swiotlb, iova, pagesize or all")
      ->check(CLI::IsMember({"swiotlb", "iova", "pagesize", "all"}));
  app->add_flag("--json", options->json, "Machine-readable output");
  return {app, [options] {
            auto wanted = [&](const char* t) { return options->target == "all" || options->target == t; };
            if (options->json) {
              nlohmann::json targets = nlohmann::json::array();
              if (wanted("swiotlb")) targets.push_back(swiotlbJson());
              if (wanted("iova"))
                targets.push_back(recordsJson("iova", impl::iova::iovaVariants(), impl::iova::iovaBugs(), iova::kInvariants));
              if (wanted("pagesize"))
                targets.push_back(recordsJson("pagesize", impl::pagesize::pagesizeVariants(),
                                              impl::pagesize::pagesizeBugs(), pagesize::kInvariants));
              std::cout << nlohmann::json{{"targets", targets}}.dump(2) << "\n";
              return kExitOk;
            }
            std::string gap;
            if (wanted("swiotlb")) printHuman(std::cout), gap = "\n";
            if (wanted("iova"))
              std::cout << gap, printRecords(std::cout, kIovaTitle, impl::iova::iovaVariants(), impl::iova::iovaBugs(),
                                              iova::kInvariants), gap = "\n";
            if (wanted("pagesize"))
              std::cout << gap, printRecords(std::cout, kPagesizeTitle, impl::pagesize::pagesizeVariants(),
                                              impl::pagesize::pagesizeBugs(), pagesize::kInvariants);
            return kExitOk;
          }};
}

}  // namespace dmacheck::cli
