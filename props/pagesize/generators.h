#pragma once
// RapidCheck generators for page-size scenarios. Each scenario first draws a palette (swarm
// testing): a host page size and one or two IOMMUs from real page-size sets (x86 4K|2M|1G,
// Arm SMMU 4K|64K|2M|512M and 64K|512M, Apple DART 16K|32M, 4K only), then a few addresses
// and sizes on the boundaries that matter (host page, IOMMU pages), and a small pool of user
// addresses so that two mappings sometimes share user memory.
#include <ostream>

#include <rapidcheck.h>

#include "check/pagesize/ops.h"

namespace dmacheck::pagesize {

rc::Gen<Scenario> genScenario();

void showValue(const Scenario& scenario, std::ostream& os);

}  // namespace dmacheck::pagesize
