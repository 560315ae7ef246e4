#pragma once
// THE MODEL IS THE SPEC. This file and everything in model/ is written from the
// invariants in docs/swiotlb.md, for clarity and not speed. It shares no helper
// with impl/: a bug in an implementation's arithmetic cannot hide in the model.
//
// Which configurations and requests are meaningful at all. A trace or generator that
// breaks one of these rules is rejected with the rule and the values, before any
// allocator runs: these are client errors, not allocator bugs.
#include <optional>
#include <string>

#include "model/swiotlb/api.h"

namespace dmacheck::model {

std::optional<std::string> configProblem(const swiotlb::Config& config);
std::optional<std::string> mapRequestProblem(const swiotlb::Config& config, const swiotlb::MapRequest& request);
std::optional<std::string> allocRequestProblem(const swiotlb::Config& config, const swiotlb::AllocRequest& request);

// True when mask == 2^k - 1 for some k >= 0 (a contiguous run of low bits, or zero).
bool isLowBitMask(unsigned __int128 mask);

}  // namespace dmacheck::model
