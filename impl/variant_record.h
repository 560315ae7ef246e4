#pragma once
// One named version of a target's logic: the same code with that version's Rules, with its
// provenance and the bugs it is known to have (ids of the target's bug table). The checker
// never reads the record; `dmacheck list`, the zoo and the reports compare it with findings.
#include <string>
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

}  // namespace dmacheck::impl
