#include <fmt/format.h>

#include "check/input_error.h"
#include "cli/command.h"

namespace dmacheck::cli {

void requireKnownTarget(const std::string& target) {
  if (target != "swiotlb")
    throw InputError(fmt::format("unknown target '{}' (known targets: swiotlb)", target));
}

}  // namespace dmacheck::cli
