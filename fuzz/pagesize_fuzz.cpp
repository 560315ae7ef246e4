// libFuzzer target for the page-size rules (iommu_map splits, VFIO type1 map/unmap and accounting): fuzz/fuzz_harness.h with
// the pagesize byte codec (check/pagesize/byte_codec.h) and checker.
#include "check/pagesize/byte_codec.h"
#include "check/pagesize/checker.h"
#include "check/pagesize/implementations.h"
#include "fuzz/fuzz_harness.h"

DMACHECK_FUZZ_TARGET(pagesize)
