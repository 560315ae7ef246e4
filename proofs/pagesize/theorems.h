#pragma once
// The page-size theorems: iommu_pgsize()'s choice and VFIO type1's MAP_DMA checks, over
// every 64-bit input, built from the implementation's own arithmetic
// (impl/pagesize/pgsize_rules.h, vfio_rules.h) on Z3 bitvectors. The spec side of each
// claim is stated without the kernel's formulas (no __ffs, no GENMASK): "the smallest page"
// is the power of two in the bitmap with no smaller one, and so on.
#include <string>
#include <vector>

#include "check/pagesize/ops.h"
#include "impl/pagesize/variant.h"
#include "proofs/bug_theorems.h"

namespace dmacheck::proofs::pagesize {

using Statement = WitnessedStatement<dmacheck::pagesize::Scenario>;
using Theorem = BugTheorem<dmacheck::pagesize::Scenario, impl::pagesize::Rules>;

const std::vector<Theorem>& pagesizeTheorems();

}  // namespace dmacheck::proofs::pagesize
