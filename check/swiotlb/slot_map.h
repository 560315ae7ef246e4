#pragma once
// A picture of the slots around a conflict, one character per 2 KiB slot, pages
// separated by '|', so a kernel developer sees at a glance which slots overlap:
//
//   slot 1640 |..|..|.a|aa|a.|..|   a = this step's allocation, A-Z = other live ones,
//                  ^^ page 0x98326000 handed to the caller     # = held twice
#include <optional>
#include <string>
#include <vector>

#include "model/swiotlb/api.h"

namespace dmacheck::swiotlb {

struct SlotOwner {
  Placement placement;
  bool current = false;  // the allocation of the step being shown
};

std::vector<std::string> renderSlotMap(const Config& config, const std::vector<SlotOwner>& owners,
                                       const Placement& focus, std::optional<std::uint64_t> pageShown);

}  // namespace dmacheck::swiotlb
