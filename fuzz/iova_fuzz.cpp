// libFuzzer target for the IOVA lifecycle: fuzz/fuzz_harness.h with
// the iova byte codec (check/iova/byte_codec.h) and checker.
#include "check/iova/byte_codec.h"
#include "check/iova/checker.h"
#include "check/iova/implementations.h"
#include "fuzz/fuzz_harness.h"

DMACHECK_FUZZ_TARGET(iova)
