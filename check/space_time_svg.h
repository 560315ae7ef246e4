#pragma once
// The space-time map of a run as SVG: the address space across, one row per step down, each
// live buffer, cached and queued range a box, the steps that broke an invariant marked in red
// with the invariant's id. Self-contained SVG 1.1 (no scripts, no external references).
#include <string>
#include <vector>

#include "check/space_span.h"

namespace dmacheck {

struct SpaceTimeRow {
  std::string op;                       // the step as its trace line
  std::vector<SpaceSpan> spans;         // the state after it
  std::vector<std::string> violations;  // invariant ids, in priority order
};

struct SpaceTimePicture {
  std::string title;
  SpaceAxis axis;
  std::vector<SpaceTimeRow> rows;
  std::vector<std::string> finalViolations;  // found by the whole-state check at the end
};

std::string renderSpaceTimeSvg(const SpaceTimePicture& picture);

}  // namespace dmacheck
