#pragma once
// One named version of a target's logic: the same code with that version's Rules, with its
// provenance and the bugs it is known to have (ids of the target's bug table). The checker
// never reads the record; `dmacheck list`, the zoo and the reports compare it with findings.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace dmacheck::impl {

template <class Rules>
struct VariantRecord {
  std::string name;
  std::vector<std::string> aliases;
  std::string state;    // short tag: "IOVA-4.15", "VFIO-HIDE", ...
  std::string commits;
  std::string kernels;
  std::string summary;
  Rules rules;
  std::vector<std::string> knownBugs;
};

// The record named `nameOrAlias` in a registry, or null. A commit id given with more than
// 12 hex digits names the record its 12-digit prefix names.
template <class Variant>
const Variant* findRecord(const std::vector<Variant>& all, std::string_view nameOrAlias) {
  for (const Variant& v : all)
    if (v.name == nameOrAlias || std::find(v.aliases.begin(), v.aliases.end(), nameOrAlias) != v.aliases.end())
      return &v;
  const bool longCommit =
      nameOrAlias.size() > 12 && nameOrAlias.find_first_not_of("0123456789abcdef") == std::string_view::npos;
  return longCommit ? findRecord(all, nameOrAlias.substr(0, 12)) : nullptr;
}

// "a, b, c": the registry's names, for messages.
template <class Variant>
std::string recordNames(const std::vector<Variant>& all) {
  std::string names;
  for (const Variant& v : all) names += (names.empty() ? "" : ", ") + v.name;
  return names;
}

}  // namespace dmacheck::impl
