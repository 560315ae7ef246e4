#pragma once
// One step of an IOVA replay for people: the operation, its outcome, the kernel's log and what
// it broke (the trace text and the frame around the steps: TargetBase::trace and ::replay).
#include <string>

#include "check/iova/checker.h"

namespace dmacheck::iova {

std::string renderStep(const StepReport& report);

}  // namespace dmacheck::iova
