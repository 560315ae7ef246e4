#include <cstdlib>

#include <fmt/format.h>

#include "base/input_error.h"
#include "cli/command.h"
#include "targets/registry.h"

namespace dmacheck::cli {

std::vector<std::string> invariantIds() {
  std::vector<std::string> ids;
  AllTargets::forEach([&]<class T>() {
    for (const auto& id : T::invariantIds()) ids.push_back(id);
  });
  return ids;
}

std::string commandPrefix() {
  const char* kernel = std::getenv(kKernelCommandEnv);
  return kernel ? kernel : "dmacheck";
}

void requireKnownTarget(const std::string& target) {
  if (!AllTargets::contains(target)) throw AllTargets::unknownTarget(target);
}

std::string targetNames() { return AllTargets::namesText(); }

}  // namespace dmacheck::cli
