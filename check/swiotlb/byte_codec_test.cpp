// The fuzzer encoding: any bytes are a valid scenario, and every corpus trace survives
// trace -> bytes -> scenario unchanged (so the corpus can seed a campaign).
#include <filesystem>
#include <random>

#include <gtest/gtest.h>

#include "check/swiotlb/checker.h"
#include "check/swiotlb/target.h"

#ifndef DMACHECK_CORPUS_DIR
#error "DMACHECK_CORPUS_DIR must name corpus/swiotlb"
#endif

namespace dmacheck::swiotlb {
namespace {

std::string canonical(Scenario s) {
  s.config.device.name = "x";  // the device name is for log lines only and is not encoded
  return SwiotlbTarget::trace(s, {});
}

TEST(ByteCodec, EveryCorpusTraceRoundTrips) {
  int traces = 0;
  for (const auto& entry : std::filesystem::directory_iterator(DMACHECK_CORPUS_DIR)) {
    if (entry.path().extension() != ".trace") continue;
    const Scenario s = readTraceLines<TraceSyntax>(parseTraceDocument(readFile(entry.path().string())));
    const auto bytes = SwiotlbTarget::encode(s, 7);
    const auto back = SwiotlbTarget::decode(bytes.data(), bytes.size());
    EXPECT_EQ(canonical(back.scenario), canonical(s)) << entry.path();
    EXPECT_EQ(back.variantChoice, 7);
    ++traces;
  }
  EXPECT_GE(traces, 19);
}

TEST(ByteCodec, AnyBytesDecodeToAValidScenarioUsingEveryByte) {
  std::mt19937_64 random(12345);
  for (int i = 0; i < 20000; ++i) {
    std::vector<std::uint8_t> bytes(random() % 96);
    for (auto& b : bytes) b = static_cast<std::uint8_t>(random());
    const auto in = SwiotlbTarget::decode(bytes.data(), bytes.size());
    ASSERT_NO_THROW(validateScenario(in.scenario)) << i;
    // Re-encoding what was decoded gives a scenario that decodes to the same thing.
    const auto again = SwiotlbTarget::encode(in.scenario, in.variantChoice);
    EXPECT_EQ(canonical(SwiotlbTarget::decode(again.data(), again.size()).scenario), canonical(in.scenario)) << i;
  }
}

TEST(ByteCodec, EmptyAndTextInputsAreTellable) {
  EXPECT_TRUE(SwiotlbTarget::decode(nullptr, 0).scenario.ops.empty());
  EXPECT_FALSE(looksLikeFuzzerInput("# dmacheck trace v1\ntarget swiotlb\n"));
  EXPECT_TRUE(looksLikeFuzzerInput(std::string("\x00\x01", 2)));
}

}  // namespace
}  // namespace dmacheck::swiotlb
