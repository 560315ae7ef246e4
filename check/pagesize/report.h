#pragma once
// One step of a page-size replay for people: the operation, its outcome, and the mappings after
// a step that broke something (the trace text and the frame: TargetBase::trace and ::replay).
#include <string>

#include "check/pagesize/checker.h"

namespace dmacheck::pagesize {

std::string renderStep(const StepReport& report);

}  // namespace dmacheck::pagesize
