// `dmacheck list`: targets, variants with their provenance and known bugs, the bug table
// and the invariants; --json for scripts and CI.
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "targets/registry.h"

namespace dmacheck::cli {

namespace {

std::string joined(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

template <class T>
nlohmann::json targetJson() {
  nlohmann::json variants = nlohmann::json::array(), bugs = nlohmann::json::array(), invariants = nlohmann::json::array();
  for (const auto& v : T::variants())
    variants.push_back({{"name", v.name}, {"aliases", v.aliases}, {"state", v.state}, {"commits", v.commits},
                        {"kernels", v.kernels}, {"summary", v.summary}, {"known_bugs", v.knownBugs},
                        {"latest", v.name == T::latestUpstream}, {"fixed_logic", v.name == T::fixedLogic}});
  for (const auto& b : T::bugs())
    bugs.push_back({{"id", b.id}, {"summary", b.summary}, {"introduced", b.introduced}, {"fixed", b.fixed},
                    {"invariants", b.invariants}, {"trigger_ops", b.triggerOps}, {"trigger", b.trigger}});
  for (const auto& i : T::invariants)
    invariants.push_back({{"id", std::string(i.id)}, {"summary", std::string(i.summary)}});
  return {{"target", std::string(T::name)}, {"title", std::string(T::title)}, {"variants", variants},
          {"bugs", bugs}, {"invariants", invariants}};
}

template <class T>
void printTarget(std::ostream& out) {
  out << fmt::format("target {}: {}\n\nvariants:\n", T::name, T::title);
  for (const auto& v : T::variants()) {
    out << fmt::format("  {:<22} {:<15} {:<18} {}\n", v.name, v.state, v.kernels, v.summary);
    if (!v.aliases.empty()) out << fmt::format("  {:<22} aliases: {}\n", "", joined(v.aliases));
    out << fmt::format("  {:<22} known bugs: {}\n", "", v.knownBugs.empty() ? "none" : joined(v.knownBugs));
  }
  out << "\nbugs:\n";
  for (const auto& b : T::bugs())
    out << fmt::format("  {:<20} {:<26} {}\n  {:<20} introduced {}; fixed {}\n", b.id, joined(b.invariants, "/"),
                       b.summary, "", b.introduced, b.fixed);
  out << "\ninvariants:\n";
  for (const auto& i : T::invariants) out << fmt::format("  {:<13} {}\n", i.id, i.summary);
}

}  // namespace

Command addListCommand(CLI::App& root) {
  struct Options {
    std::string target = "all";
    bool json = false;
    bool targets = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* app = root.add_subcommand("list", "List targets, implementation variants, known bugs and invariants");
  std::vector<std::string> choices = AllTargets::names();
  choices.push_back("all");
  app->add_option("--target", options->target, "Target to list: " + targetNames() + " or all")
      ->check(CLI::IsMember(choices));
  app->add_flag("--json", options->json, "Machine-readable output");
  app->add_flag("--targets", options->targets,
                "One line per target: its name and its fixed-logic variant (for scripts)");
  return {app, [options] {
            auto wanted = [&]<class T>() { return options->target == "all" || options->target == T::name; };
            if (options->targets) {
              AllTargets::forEach([&]<class T>() { std::cout << T::name << " " << T::fixedLogic << "\n"; });
              return kExitOk;
            }
            if (options->json) {
              nlohmann::json targets = nlohmann::json::array();
              AllTargets::forEach([&]<class T>() {
                if (wanted.template operator()<T>()) targets.push_back(targetJson<T>());
              });
              std::cout << nlohmann::json{{"targets", targets}}.dump(2) << "\n";
              return kExitOk;
            }
            std::string gap;
            AllTargets::forEach([&]<class T>() {
              if (!wanted.template operator()<T>()) return;
              std::cout << gap;
              printTarget<T>(std::cout);
              gap = "\n";
            });
            return kExitOk;
          }};
}

}  // namespace dmacheck::cli
