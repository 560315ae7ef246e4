#include <cstdlib>

#include <fmt/format.h>

#include "check/input_error.h"
#include "cli/command.h"
#include "model/iova/invariants.h"
#include "model/pagesize/invariants.h"
#include "model/swiotlb/invariants.h"

namespace dmacheck::cli {

std::vector<std::string> invariantIds() {
  std::vector<std::string> ids;
  for (const auto& i : swiotlb::kInvariants) ids.emplace_back(i.id);
  for (const auto& i : iova::kInvariants) ids.emplace_back(i.id);
  for (const auto& i : pagesize::kInvariants) ids.emplace_back(i.id);
  return ids;
}

std::string commandPrefix() {
  const char* kernel = std::getenv(kKernelCommandEnv);
  return kernel ? kernel : "dmacheck";
}

void requireKnownTarget(const std::string& target) {
  if (target != "swiotlb" && target != "iova" && target != "pagesize")
    throw InputError(fmt::format("unknown target '{}' (known targets: swiotlb, iova, pagesize)", target));
}

}  // namespace dmacheck::cli
