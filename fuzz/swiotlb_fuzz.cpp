// libFuzzer target for the SWIOTLB slot allocator: fuzz/fuzz_harness.h with
// the swiotlb byte codec (check/swiotlb/byte_codec.h) and checker.
#include "check/swiotlb/byte_codec.h"
#include "check/swiotlb/checker.h"
#include "check/swiotlb/implementations.h"
#include "fuzz/fuzz_harness.h"

DMACHECK_FUZZ_TARGET(swiotlb)
