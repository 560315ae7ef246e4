#include "kernel/shim_gaps.h"

#include <algorithm>
#include <regex>
#include <sstream>

#include <fmt/format.h>

namespace dmacheck::kernel {

namespace {

struct ErrorShape {
  std::regex pattern;  // the text after "error: "
  const char* kind;
  bool member;  // the second group is the type that lacks the first
};

const std::vector<ErrorShape>& errorShapes() {
  static const std::vector<ErrorShape> shapes = {
      {std::regex(R"(implicit declaration of function '(\w+)')"), "function", false},
      {std::regex(R"(use of undeclared identifier '(\w+)')"), "identifier", false},
      {std::regex(R"(unknown type name '(\w+)')"), "type", false},
      {std::regex(R"(field designator '(\w+)' does not refer to any field in type '(?:const )?(?:struct )?(\w+)')"),
       "field", true},
      {std::regex(R"(no member named '(\w+)' in '(?:const )?(?:struct )?(\w+)')"), "field", true},
  };
  return shapes;
}

}  // namespace

std::vector<ShimGap> findShimGaps(const std::string& compilerOutput, const std::string& treePrefix) {
  static const std::regex errorLine(R"(^([^:\s]+):(\d+):\d+: error: (.*)$)");
  std::vector<ShimGap> gaps;
  std::istringstream in(compilerOutput);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (!std::regex_match(line, m, errorLine)) continue;
    std::string file = m[1];
    if (file.rfind(treePrefix, 0) != 0) continue;  // our harness not fitting the tree is no shim gap
    file = file.substr(treePrefix.size());
    const std::string message = m[3];
    for (const ErrorShape& shape : errorShapes()) {
      std::smatch s;
      if (!std::regex_search(message, s, shape.pattern)) continue;
      const std::string symbol = shape.member ? fmt::format("{}.{}", s[2].str(), s[1].str()) : s[1].str();
      const bool seen = std::any_of(gaps.begin(), gaps.end(), [&](const ShimGap& g) { return g.symbol == symbol; });
      if (!seen) gaps.push_back({symbol, shape.kind, fmt::format("{}:{}", file, m[2].str())});
      break;
    }
  }
  return gaps;
}

std::string describeShimGaps(const std::vector<ShimGap>& gaps) {
  std::string uses;
  for (const ShimGap& g : gaps) uses += fmt::format("{}{} (a {}, at {})", uses.empty() ? "" : ", ", g.symbol, g.kind, g.where);
  return fmt::format(
      "this tree uses {}, which the shims do not provide: add {} to kernel/shims/dmacheck/ (duplicated.h: kernel "
      "helpers with the kernel's meaning; stubbed.h: no effect in one thread; boot_stubs.h: boot-time and debug "
      "paths; dma.h: the device and addresses; customised.h: per-CPU data, memory, the clock; iommu.h: the IOMMU "
      "API below dma-iommu.c; dma_iommu_stubs.h: what dma-iommu.c names but the harness does not drive)",
      uses, gaps.size() == 1 ? "it" : "them");
}

}  // namespace dmacheck::kernel
