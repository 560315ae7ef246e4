// The checker must flag each class of wrong answer, whoever gives it. A fake allocator
// answers whatever the test scripts, so these tests do not depend on any real variant.
#include <functional>
#include <map>

#include <gtest/gtest.h>

#include "base/input_error.h"
#include "check/swiotlb/checker.h"
#include "check/swiotlb/minimize.h"
#include "check/swiotlb/target.h"

namespace dmacheck::swiotlb {
namespace {

// Answers every map with a scripted placement; tracks used slots honestly.
class ScriptedAllocator final : public SlotAllocator {
 public:
  ScriptedAllocator(const Config& c, std::function<MapResult(const MapRequest&)> answer)
      : used_(c.pool.slots), answer_(std::move(answer)) {}
  MapResult map(const MapRequest& r, std::uint64_t) override {
    MapResult m = answer_(r);
    if (m.status == MapResult::Status::Mapped) origOf_[m.placement.tlbAddr] = r.orig;
    if (m.status == MapResult::Status::Mapped)
      for (auto s = m.placement.firstSlot; s < m.placement.firstSlot + m.placement.slotCount && s < used_.size(); ++s)
        used_[s] = true;
    return m;
  }
  MapResult alloc(const AllocRequest&, std::uint64_t) override { return {}; }
  // Bounces back what was mapped at tlb (orig recorded by map), but leaks the slots on purpose.
  BounceResult unmap(std::uint64_t tlb, std::uint64_t size, std::uint32_t, StreamingDma dma) override {
    BounceResult back;
    if (dma.dir != DmaDirection::ToDevice && !dma.skipCpuSync && origOf_.count(tlb))
      back.copy = BounceCopy{origOf_[tlb], tlb, size, Direction::ToCpu};
    return back;
  }
  void free(std::uint64_t, std::uint64_t) override {}
  BounceResult sync(std::uint64_t, std::uint64_t, Direction, StreamingDma) override { return {}; }
  std::uint64_t maxMappingSize() const override { return 0x40000; }
  std::vector<bool> usedSlots() const override { return used_; }
  std::optional<std::string> metadataProblem() const override { return std::nullopt; }
  std::uint32_t areaIndex(std::uint32_t) const override { return 0; }

 private:
  std::vector<bool> used_;
  std::map<std::uint64_t, std::uint64_t> origOf_;  // tlb -> orig of each map
  std::function<MapResult(const MapRequest&)> answer_;
};

MapResult mapped(std::uint32_t first, std::uint32_t count, std::uint64_t tlb, std::uint64_t orig, std::uint64_t size) {
  MapResult m;
  m.status = MapResult::Status::Mapped;
  m.placement = {first, count, tlb};
  m.bounce.copy = BounceCopy{orig, tlb, size};
  return m;
}

std::string firstInvariant(const Scenario& s, std::function<MapResult(const MapRequest&)> answer) {
  auto result = checkScenario(s, [&](const Config& c) { return std::make_unique<ScriptedAllocator>(c, answer); });
  return result.firstViolation ? result.firstViolation->invariant : "pass";
}

Scenario oneMap(std::uint64_t orig, std::uint64_t size) {
  Scenario s;
  s.config.pool = {0x40000000, 64, 1, 4096};
  s.ops = {MapOp{0, orig, size, 0}};
  return s;
}

TEST(Checker, FlagsEachClassOfWrongAnswer) {
  EXPECT_EQ(firstInvariant(oneMap(0x10000, 0x800), [](auto&) { return mapped(0, 1, 0x40000000, 0x10000, 0x800); }),
            "pass");
  EXPECT_EQ(firstInvariant(oneMap(0x10000, 0x800), [](auto&) { return mapped(63, 2, 0x4001f800, 0x10000, 0x800); }),
            "S-BOUNDS");
  EXPECT_EQ(firstInvariant(oneMap(0x10000, 0x2000), [](auto&) { return mapped(1, 4, 0x40000800, 0x10000, 0x2000); }),
            "S-PAGE");
  EXPECT_EQ(firstInvariant(oneMap(0x10000, 0x800), [](auto&) { return mapped(0, 1, 0x40000000, 0x10100, 0x800); }),
            "S-BOUNCE");
  EXPECT_EQ(firstInvariant(oneMap(0x10000, 0x800), [](auto&) { return MapResult{}; }), "S-COMPLETE");
  MapResult spinning;
  spinning.status = MapResult::Status::NonTerminating;
  EXPECT_EQ(firstInvariant(oneMap(0x10000, 0x800), [&](auto&) { return spinning; }), "S-TERM");
}

TEST(Checker, SecondAllocationOnTheSameSlotIsADoubleAllocation) {
  Scenario s = oneMap(0x10000, 0x800);
  s.ops.push_back(MapOp{0, 0x20000, 0x800, 0});
  EXPECT_EQ(firstInvariant(s, [](const MapRequest& r) { return mapped(0, 1, 0x40000000, r.orig, 0x800); }), "S-DISJ");
}

TEST(Checker, LeakedSlotsAfterUnmapAreAnSFreeViolation) {
  Scenario s = oneMap(0x10000, 0x800);
  s.ops.push_back(UnmapOp{0});
  EXPECT_EQ(firstInvariant(s, [](auto&) { return mapped(0, 1, 0x40000000, 0x10000, 0x800); }), "S-FREE");
}

// A FROM_DEVICE map left uninitialised shows the device stale pool bytes (CVE-2022-0854);
// a TO_DEVICE map that is not bounced is a missing due copy first.
TEST(Checker, AnUninitialisedMapShowsTheDeviceStaleBytes) {
  Scenario s = oneMap(0x10000, 0x800);
  std::get<MapOp>(s.ops[0]).dma.dir = DmaDirection::FromDevice;
  auto notBounced = [](auto&) {
    MapResult m = mapped(0, 1, 0x40000000, 0x10000, 0x800);
    m.bounce.copy.reset();
    return m;
  };
  EXPECT_EQ(firstInvariant(s, notBounced), "S-DEVDATA");
  std::get<MapOp>(s.ops[0]).dma.dir = DmaDirection::ToDevice;
  EXPECT_EQ(firstInvariant(s, notBounced), "S-BOUNCE");
}

TEST(Checker, TheUnmapCopiesBackAsTheDirectionAndAttributesSay) {
  Scenario s = oneMap(0x10000, 0x800);
  std::get<MapOp>(s.ops[0]).dma.dir = DmaDirection::FromDevice;
  s.ops.push_back(DeviceWriteOp{0, 0x10, 0x20});
  s.ops.push_back(UnmapOp{0});
  auto answer = [](auto&) { return mapped(0, 1, 0x40000000, 0x10000, 0x800); };
  EXPECT_EQ(firstInvariant(s, answer), "S-FREE");  // the scripted unmap bounces back, but leaks
  std::get<MapOp>(s.ops[0]).dma.skipCpuSync = true;  // no copy back due, none made: the CPU keeps its bytes
  EXPECT_EQ(firstInvariant(s, answer), "S-FREE");
}

TEST(Checker, OperandsNameLiveAllocationsModuloTheirCount) {
  Scenario s;
  s.config.pool = {0x40000000, 64, 1, 4096};
  s.ops = {UnmapOp{5}, MapOp{0, 0x10000, 0x800, 0}, UnmapOp{7}, SyncOp{3, 0, 1, Direction::ToCpu}};
  auto result = checkScenario(s, SwiotlbTarget::find("linux-6.10")->make);
  EXPECT_FALSE(result.firstViolation);
  ASSERT_EQ(result.ranOps.size(), 2u);  // the unmap with nothing live and the sync after it did not run
  EXPECT_EQ(std::get<UnmapOp>(result.ranOps[1]).live, 0u);
}

TEST(Checker, ValidationNamesTheOperationAndTheRule) {
  Scenario s = oneMap(0, 0x800);
  try {
    validateScenario(s);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("operation 1 (map orig=0x0"), std::string::npos) << e.what();
  }
  Scenario a;
  a.config.pool = {0x40000000, 64, 1, 4096};
  a.ops = {AllocOp{0, 0x800}};
  EXPECT_THROW(validateScenario(a), InputError);
}

TEST(Minimize, KeepsTheInvariantAndNeverGrows) {
  Scenario s;
  s.config.pool = {0x40000000, 1024, 1, 4096};
  s.ops = {MapOp{0, 0x50000000, 0x800, 0}, MapOp{0, 0x60000000, 0x3000, 0}, UnmapOp{1}, UnmapOp{0},
           MapOp{0, 0x12345800, 0x40000, 0}};
  auto impl = SwiotlbTarget::find("linux-6.3");
  auto before = checkScenario(s, impl->make);
  ASSERT_TRUE(before.firstViolation);
  Scenario small = minimizeScenario(s, impl->make);
  auto after = checkScenario(small, impl->make);
  EXPECT_TRUE(sameFailure(before, after));
  EXPECT_EQ(small.ops.size(), 1u);
}

}  // namespace
}  // namespace dmacheck::swiotlb
