#pragma once
// Writing scenarios for people: trace files (annotated with what each step did) and the
// step-by-step replay report in the kernel's own debug style.
#include <string>
#include <vector>

#include "check/swiotlb/checker.h"
#include "check/trace_document.h"
#include "check/trace_render.h"

namespace dmacheck::swiotlb {

using TraceMeta = dmacheck::TraceMeta;

// A trace file; when `run` has reports, each operation carries its outcome as a comment.
std::string renderTrace(const Scenario& scenario, const TraceMeta& meta, const CheckResult* run = nullptr);

// One step of the replay report (the frame around it: TargetBase::replay).
std::string renderStep(const StepReport& report);

}  // namespace dmacheck::swiotlb
