#pragma once
// The one list of targets. Every command, the fuzz tools and the tests get the targets from
// here (and CMake from DMACHECK_TARGETS in the top CMakeLists.txt); nothing else names them.
// Adding a target: docs/adding-a-target.md.
#include "check/iova/target.h"
#include "check/pagesize/target.h"
#include "check/swiotlb/target.h"
#include "targets/target_list.h"

// A test build adds test-only targets here (the toy target: targets/toy/, dmacheck_toy).
#ifdef DMACHECK_TEST_TARGETS_HEADER
#include DMACHECK_TEST_TARGETS_HEADER
#else
#define DMACHECK_TEST_TARGETS
#endif

namespace dmacheck {

using AllTargets = TargetList<swiotlb::SwiotlbTarget, iova::IovaTarget, pagesize::PagesizeTarget DMACHECK_TEST_TARGETS>;

}  // namespace dmacheck
