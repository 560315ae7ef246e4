#pragma once
// Writing scenarios for people: trace files (annotated with what each step did) and the
// step-by-step replay report in the kernel's own debug style.
#include <string>
#include <vector>

#include "check/swiotlb/checker.h"
#include "check/trace_document.h"

namespace dmacheck::swiotlb {

struct TraceMeta {
  std::string impl;                        // written as the 'impl' line (may be empty)
  std::vector<std::string> notes;          // '# ' comment lines after the magic line
  std::vector<Expectation> expectations;   // 'expect' lines
};

// A trace file; when `run` has reports, each operation carries its outcome as a comment.
std::string renderTrace(const Scenario& scenario, const TraceMeta& meta, const CheckResult* run = nullptr);

// The replay report: every step, its kernel log, violations and a slot map where one broke.
std::string renderReplay(const Scenario& scenario, const CheckResult& run);

}  // namespace dmacheck::swiotlb
