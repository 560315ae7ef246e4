#pragma once
// Shrinks a failing page-size scenario while it keeps failing with the same invariant:
// operations deleted (one at a time, then pairs), extra domains dropped, sizes and
// addresses made rounder. Runs after RapidCheck's own shrinking.
#include <optional>
#include <string>

#include "check/pagesize/checker.h"

namespace dmacheck::pagesize {

Scenario minimizeScenario(const Scenario& scenario, const LogicFactory& make,
                          const std::optional<std::string>& invariant = std::nullopt);

}  // namespace dmacheck::pagesize
