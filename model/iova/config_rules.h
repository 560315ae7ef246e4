#pragma once
// The rules a domain configuration and a request must follow (the kernel's own
// preconditions, e.g. init_iova_domain's BUG_ONs, or dma-iommu's limits), stated once
// for the trace parser, the generators and the fuzzer's decoder. Part of the spec: it
// shares no code with the implementations.
#include <optional>
#include <string>

#include "model/iova/api.h"

namespace dmacheck::iova::model {

// The first rule `config` breaks, with the values; nothing if it is valid.
std::optional<std::string> configProblem(const Config& config);
// The first rule a map request breaks under `config`.
std::optional<std::string> requestProblem(const Config& config, const MapRequest& request);

inline constexpr std::uint64_t kMaxPfnSpace = 1ULL << 24;  // 64 GiB of 4K IOVAs: room for real workloads, bounded memory

}  // namespace dmacheck::iova::model
