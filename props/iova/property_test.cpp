// The IOVA property beyond every target's (props/zoo_test.cpp): both s390 generations hold
// it apart from their unreported bogus unmap.
#include <algorithm>

#include <gtest/gtest.h>

#include "check/iova/report.h"
#include "check/iova/target.h"
#include "props/iova/generators.h"
#include "props/property_runner.h"

namespace dmacheck::iova {
namespace {

// The s390 bitmaps' one known bug is the unreported bogus unmap (S390-SILENT-UNMAP). With
// clients that make no errors, next_bit and the lazy bitmap keep every invariant, FQ-SAFE
// (no reuse before the wrap's global flush) included.
TEST(IovaProperty, S390BitmapsHoldWhenClientsMakeNoErrors) {
  for (const char* name : {"s390-4.4", "s390-6.6"}) {
    const auto impl = IovaTarget::find(name);
    ASSERT_TRUE(impl);
    std::string failure;
    auto property = [&] {
      Scenario s = *genScenario();
      std::erase_if(s.ops, [](const Op& op) {
        return std::holds_alternative<UnmapAgainOp>(op) || std::holds_alternative<UnmapPfnOp>(op);
      });
      const auto run = checkScenario(s, impl->make);
      if (!run.firstViolation) return;
      failure = run.firstViolation->invariant + ": " + run.firstViolation->detail + "\n" + IovaTarget::trace(s, {});
      RC_FAIL(failure);
    };
    const auto [cases, held] = detail::runRapidCheck(property, {.seed = 5, .runs = 3000, .maxOps = 100}, name);
    EXPECT_TRUE(held) << name << " after " << cases << " cases: " << failure;
  }
}

}  // namespace
}  // namespace dmacheck::iova
