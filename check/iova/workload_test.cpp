// The NVMe-like workload is a valid scenario the checker accepts, every I/O is mapped and
// unmapped once, and the figures follow the settings: strict flushes once per unmap, a
// flush queue far less often and never over a stale IOTLB entry.
#include <gtest/gtest.h>

#include "check/iova/checker.h"
#include "check/iova/target.h"
#include "check/iova/workload.h"
#include "check/iova/workload_stats.h"

namespace dmacheck::iova {
namespace {

Config lazyPerCpu() {
  Config c;
  c.lazy = true;
  c.fqSize = 256;
  c.fqTimeoutMs = 10;
  return c;
}

TEST(NvmeWorkload, EveryIoIsMappedAndUnmappedOnceAndTheCheckerHolds) {
  const NvmeMix mix{.cpus = 2, .queueDepth = 8, .ios = 3000, .iosPerMs = 100, .seed = 7};
  const Scenario s = nvmeWorkload(mix, lazyPerCpu());
  EXPECT_NO_THROW(validateScenario(s));
  std::size_t maps = 0, unmaps = 0;
  for (const Op& op : s.ops) {
    maps += std::holds_alternative<MapOp>(op);
    unmaps += std::holds_alternative<UnmapOp>(op);
  }
  EXPECT_EQ(maps, mix.ios);
  EXPECT_EQ(unmaps, mix.ios);
  const auto impl = IovaTarget::find("linux-6.12");
  ASSERT_TRUE(impl);
  EXPECT_FALSE(checkScenario(s, impl->make).firstViolation);
}

TEST(NvmeWorkload, FlushQueueFlushesLessThanStrictAndNeverOverStaleEntries) {
  const NvmeMix mix{.ios = 20000};
  const auto impl = IovaTarget::find("linux-6.12");
  const WorkloadStats strict = measureWorkload(nvmeWorkload(mix, Config{}), impl->make);
  const WorkloadStats lazy = measureWorkload(nvmeWorkload(mix, lazyPerCpu()), impl->make);
  EXPECT_EQ(strict.unmaps, mix.ios);
  EXPECT_DOUBLE_EQ(strict.flushesPer1000Unmaps(), 1000.0);
  EXPECT_LT(lazy.flushesPer1000Unmaps(), 10.0);
  EXPECT_EQ(lazy.staleMaps + lazy.collisions + lazy.refused, 0u);
  EXPECT_GT(lazy.reuseMs.median, strict.reuseMs.median);  // lazy reuse waits for a flush
}

}  // namespace
}  // namespace dmacheck::iova
