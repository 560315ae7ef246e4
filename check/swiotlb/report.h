#pragma once
// One step of a SWIOTLB replay for people, in the kernel's own debug style (the trace text and
// the frame around the steps: TargetBase::trace and ::replay).
#include <string>

#include "check/swiotlb/checker.h"

namespace dmacheck::swiotlb {

std::string renderStep(const StepReport& report);

}  // namespace dmacheck::swiotlb
