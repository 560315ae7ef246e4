#pragma once
// The rules a page-size configuration and an operation must follow, stated once for the
// trace parser, the generators and the fuzzer's decoder. Part of the spec: it shares no
// code with the implementations. The size bounds keep one step below a millisecond.
#include <optional>
#include <string>

#include "model/pagesize/api.h"

namespace dmacheck::pagesize::model {

inline constexpr std::uint64_t kMaxSplitBytes = 1ULL << 32;  // one iommu_map: up to 4 GiB
inline constexpr std::uint64_t kMaxVfioBytes = 1ULL << 30;   // one MAP_DMA: up to 1 GiB

std::optional<std::string> configProblem(const VfioConfig& config);
std::optional<std::string> splitProblem(std::uint64_t iova, std::uint64_t paddr, std::uint64_t size);
std::optional<std::string> vfioMapProblem(const VfioMap& request);
std::optional<std::string> deviceMapRequestProblem(std::uint64_t phys, std::uint64_t size);
// A coherent allocation for the round trip: 1 byte to 64 MiB.
std::optional<std::string> sgtableRequestProblem(std::uint64_t size);

}  // namespace dmacheck::pagesize::model
