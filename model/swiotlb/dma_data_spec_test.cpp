// The DMA data contract on hand-made copy histories: what each direction makes due, and
// what the two data invariants report when a copy is missing or goes against the direction.
#include "model/swiotlb/dma_data_spec.h"

#include <gtest/gtest.h>

namespace dmacheck::model {
namespace {

using swiotlb::BounceCopy;
using swiotlb::Direction;
using swiotlb::DmaDirection;
using swiotlb::StreamingDma;

constexpr std::uint64_t kOrig = 0x10000, kTlb = 0x40000800, kSize = 0x800;
const StreamingDma kFrom{DmaDirection::FromDevice, false};

std::vector<std::string> invariants(const DmaDataSpec& spec, int id) {
  std::vector<std::string> out;
  for (const Finding& f : spec.judge(id)) out.push_back(f.invariant);
  return out;
}

TEST(DmaDataSpec, DueBouncesFollowTheDirection) {
  EXPECT_TRUE(DmaDataSpec::mapMustBounce({}));
  EXPECT_FALSE(DmaDataSpec::mapMustBounce(kFrom));
  EXPECT_FALSE(DmaDataSpec::mapMustBounce({DmaDirection::ToDevice, true}));
  EXPECT_FALSE(DmaDataSpec::syncMustBounce(Direction::ToDevice, kFrom));
  EXPECT_TRUE(DmaDataSpec::syncMustBounce(Direction::ToCpu, kFrom));
  EXPECT_FALSE(DmaDataSpec::unmapMustBounce({DmaDirection::ToDevice, false}));
}

TEST(DmaDataSpec, AFromDeviceMapThatIsNotInitialisedLeaksStaleSlots) {
  DmaDataSpec spec;
  spec.mapped(0, 1, 0x20000, kTlb, kSize, {});
  spec.copied(0, {0x20000, kTlb, kSize, Direction::ToDevice});
  spec.unmapped(0);
  spec.copied(0, {0x20000, kTlb, kSize, Direction::ToCpu});
  EXPECT_TRUE(spec.judge(0).empty());
  spec.released(0);
  spec.mapped(1, 3, kOrig, kTlb, kSize, kFrom);  // no copy: the device sees the buffer of step 1
  const auto findings = spec.judge(1);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].invariant, "S-DEVDATA");
  EXPECT_NE(findings[0].detail.find("the buffer mapped at step 1"), std::string::npos) << findings[0].detail;
}

TEST(DmaDataSpec, TheCpuGetsWhatTheDeviceWroteAndItsOwnBytesElsewhere) {
  DmaDataSpec spec;
  spec.mapped(0, 1, kOrig, kTlb, kSize, kFrom);
  spec.copied(0, {kOrig, kTlb, kSize, Direction::ToDevice});
  spec.deviceWrote(0, 2, 0x100, 0x10);
  spec.unmapped(0);
  EXPECT_EQ(invariants(spec, 0), std::vector<std::string>{"S-CPUDATA"});  // the copy back is missing
  spec.copied(0, {kOrig, kTlb, kSize, Direction::ToCpu});
  EXPECT_TRUE(spec.judge(0).empty());
}

TEST(DmaDataSpec, ASyncForTheDeviceOfAFromDeviceMapMustNotOverwriteTheDevice) {
  DmaDataSpec spec;
  spec.mapped(0, 1, kOrig, kTlb, kSize, kFrom);
  spec.copied(0, {kOrig, kTlb, kSize, Direction::ToDevice});
  spec.deviceWrote(0, 2, 0, 0x100);
  spec.synced(0, Direction::ToDevice, 0, kSize);
  EXPECT_TRUE(spec.judge(0).empty());
  spec.copied(0, {kOrig, kTlb, kSize, Direction::ToDevice});  // what aa6f8dcbab47 did
  EXPECT_EQ(invariants(spec, 0), std::vector<std::string>{"S-DEVDATA"});
}

TEST(DmaDataSpec, ACopyFromOutsideTheBufferIsNotItsData) {
  DmaDataSpec spec;
  spec.mapped(0, 1, kOrig, kTlb, kSize, {});
  spec.copied(0, {kOrig - 0x10, kTlb, kSize, Direction::ToDevice});
  const auto findings = spec.judge(0);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].detail.find("outside the buffer"), std::string::npos) << findings[0].detail;
}

}  // namespace
}  // namespace dmacheck::model
