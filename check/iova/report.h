#pragma once
// Writing IOVA scenarios for people: trace files annotated with what each step did, and
// the step-by-step replay report with the allocator's state after each step.
#include <string>
#include <vector>

#include "check/iova/checker.h"
#include "check/trace_document.h"
#include "check/trace_render.h"

namespace dmacheck::iova {

using TraceMeta = dmacheck::TraceMeta;

std::string renderTrace(const Scenario& scenario, const TraceMeta& meta, const CheckResult* run = nullptr);
// One step of the replay report (the frame around it: TargetBase::replay).
std::string renderStep(const StepReport& report);

}  // namespace dmacheck::iova
