#pragma once
// An IOVA variant: one named version of the IOVA lifecycle logic (iova.c behind dma-iommu,
// or the s390 legacy bitmap), built from the same code with that version's Rules. The
// registry records provenance and the bugs each variant is known to have; the checker never
// reads it (only `dmacheck list`, the zoo and the reports compare it with what was caught).
#include <string>
#include <string_view>
#include <vector>

#include "impl/iova/iova_rules.h"

namespace dmacheck::impl::iova {

struct Variant {
  std::string name;
  std::vector<std::string> aliases;
  std::string state;     // short tag: "IOVA-4.15", "S390-2", ...
  std::string commits;
  std::string kernels;
  std::string summary;
  Rules rules;
  std::vector<std::string> knownBugs;
};

struct Bug {
  std::string id;
  std::string summary;
  std::string introduced;
  std::string fixed;
  std::vector<std::string> invariants;  // what a generic property reports when it fires
  int triggerOps = 0;                   // operations in the minimal trigger
  std::string trigger;
};

const std::vector<Variant>& iovaVariants();
const std::vector<Bug>& iovaBugs();
const Variant* findIovaVariant(std::string_view nameOrAlias);
const Bug* findIovaBug(std::string_view id);

}  // namespace dmacheck::impl::iova
