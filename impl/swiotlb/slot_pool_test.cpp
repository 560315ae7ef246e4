// Where each version state puts the docs/swiotlb.md triggers, slot for slot. These pin
// our re-implementation to the documented behaviour of each kernel, independently of the
// model: the model says whether a placement is allowed, these say which one the kernel made.
#include <gtest/gtest.h>

#include "impl/swiotlb/slot_pool.h"

namespace dmacheck::impl {
namespace {

using namespace swiotlb;

constexpr std::uint64_t kBudget = 1 << 20;

SlotPool poolFor(const char* variant, std::uint32_t slots, std::uint32_t minAlign = 0, std::uint32_t page = 4096,
                 std::uint64_t start = 0x40000000) {
  Config c;
  c.pool = {start, slots, 1, page};
  c.device.minAlignMask = minAlign;
  return SlotPool(c, swiotlbCatalogue().findVariant(variant)->rules);
}

std::uint32_t mapSlot(SlotPool& p, std::uint64_t orig, std::uint64_t size, std::uint32_t align = 0) {
  MapResult r = p.map({0, orig, size, align}, kBudget);
  EXPECT_EQ(r.status, MapResult::Status::Mapped);
  return r.placement.firstSlot;
}

TEST(SlotPool, CeS1VsockAllocStartsAtTheOddIndexFromSw5On) {
  for (auto [variant, slot] : {std::pair{"7c3940bf81e5", 2u}, {"linux-6.3", 1u}, {"04867a7a3332", 1u},
                               {"51b30ecb73b4", 4u}, {"linux-6.10", 4u}}) {
    SlotPool p = poolFor(variant, 7168);
    EXPECT_EQ(mapSlot(p, 0x40001000, 0x800), 0u) << variant;
    MapResult r = p.alloc({0, 0x2000}, kBudget);
    ASSERT_EQ(r.status, MapResult::Status::Mapped) << variant;
    EXPECT_EQ(r.placement.firstSlot, slot) << variant;
  }
}

TEST(SlotPool, Seed000LogSlotsAndSearchNote) {
  Config c;
  c.pool = {0x97ff0000, 7168, 1, 4096};
  SlotPool p(c, swiotlbCatalogue().findVariant("linux-6.3")->rules);
  for (int k = 0; k < 12; ++k) mapSlot(p, 0x50000000 + k * 0x40000, 0x40000);
  mapSlot(p, 0x50300000, 0x36800);
  for (std::uint64_t tlb : {0x98326800ULL, 0x98328800ULL, 0x9832a800ULL}) {
    MapResult r = p.alloc({0, 0x2000}, kBudget);
    EXPECT_EQ(r.placement.tlbAddr, tlb);
    EXPECT_EQ(r.note.iotlbAlignMask, 0x800u);
    EXPECT_EQ(r.note.stride, 2u);
  }
}

TEST(SlotPool, CeS2PageMaskOffsetFailsOnlyOnSw6) {
  for (auto [variant, mapped] : {std::pair{"7c3940bf81e5", true}, {"linux-6.3", false}, {"linux-6.7", false},
                                 {"04867a7a3332", true}, {"linux-6.10", true}}) {
    SlotPool p = poolFor(variant, 1024);
    EXPECT_EQ(p.map({0, 0x12345800, 0x40000, 0}, kBudget).status == MapResult::Status::Mapped, mapped) << variant;
  }
}

TEST(SlotPool, CeS3BrainoKeepsOnlyTheLowBits) {
  SlotPool braino = poolFor("0eee5ae10256", 1024, 0xfff);
  EXPECT_EQ(braino.map({0, 0x123459a0, 0x200, 0}, kBudget).placement.tlbAddr, 0x400001a0u);
  SlotPool fixed = poolFor("linux-6.3", 1024, 0xfff);
  EXPECT_EQ(fixed.map({0, 0x123459a0, 0x200, 0}, kBudget).placement.tlbAddr, 0x400009a0u);
}

TEST(SlotPool, CeS4PerState) {
  auto tlbOf = [](const char* variant) {
    SlotPool p = poolFor(variant, 1024, 0xfff, 65536);
    MapResult r = p.map({0, 0x123451a00, 0x3000, 0xffff}, kBudget);
    return r.status == MapResult::Status::Mapped ? r.placement.tlbAddr : 0;
  };
  EXPECT_EQ(tlbOf("linux-5.16"), 0x40000a00u);      // slot 1: not 64K aligned
  EXPECT_EQ(tlbOf("linux-6.3"), 0x40001a00u);       // slot 3
  EXPECT_EQ(tlbOf("04867a7a3332"), 0u);             // contradictory: always fails
  EXPECT_EQ(tlbOf("14cebf689a78"), 0x40000200u);    // bit 11 of orig dropped
  EXPECT_EQ(tlbOf("linux-6.9"), 0x40000a00u);       // one padding slot, 0xa00 kept
}

TEST(SlotPool, CeS6SpinsUntilTheBudgetOnlyBeforeSw4) {
  for (auto [variant, spins] : {std::pair{"linux-5.12", true}, {"linux-6.0", true}, {"7c3940bf81e5", false}}) {
    SlotPool p = poolFor(variant, 128, 0xfff);
    mapSlot(p, 0x10800, 0x3f800);
    mapSlot(p, 0x10000, 1);
    p.unmap(0x40000000, 1, 0, {});
    MapResult r = p.map({0, 0x10800, 1, 0}, 10000);
    EXPECT_EQ(r.status == MapResult::Status::NonTerminating, spins) << variant;
  }
}

// The claim of slots 1..2 writes slot 2's metadata, past the kcalloc'd array: the kernel's
// KASAN reports it there, and so does SlotPool (as the BUG the real code's harness raises).
TEST(SlotPool, CeS8OverrunsATwoSlotPoolBeforeTheFix) {
  SlotPool before = poolFor("linux-6.3", 2, 0xfff);
  try {
    before.map({0, 0x10800, 0x1000, 0}, kBudget);
    ADD_FAILURE() << "the map past the pool end went unreported";
  } catch (const KernelBug& bug) {
    EXPECT_NE(std::string(bug.what()).find("slots[2] of a 2-slot array"), std::string::npos) << bug.what();
  }
  SlotPool after = poolFor("linux-6.7", 2, 0xfff);
  EXPECT_EQ(after.map({0, 0x10800, 0x1000, 0}, kBudget).status, MapResult::Status::NoSpace);
}

TEST(SlotPool, CeS9PartialSyncPerBounceRule) {
  auto syncAt = [](const char* variant) {
    SlotPool p = poolFor(variant, 1024, 0xfff);
    MapResult r = p.map({0, 0x10600, 0x1000, 0}, kBudget);
    return p.sync(r.placement.tlbAddr + 0x300, 0x100, Direction::ToCpu, {});
  };
  EXPECT_EQ(syncAt("linux-5.13").copy->origAddr, 0x10900u + (1ULL << 32));  // 32-bit wrap
  EXPECT_FALSE(syncAt("linux-6.3").copy.has_value());                        // WARN, no copy
  EXPECT_NE(syncAt("linux-6.3").warning.find("Access before mapping start"), std::string::npos);
  EXPECT_EQ(syncAt("linux-6.9").copy->origAddr, 0x10900u);
}

TEST(SlotPool, ReleaseMergesFreeRunsBackIntoTheSegment) {
  SlotPool p = poolFor("linux-6.10", 256);
  MapResult a = p.map({0, 0x10000, 0x3000, 0}, kBudget);
  MapResult b = p.map({0, 0x20000, 0x800, 0}, kBudget);
  p.unmap(a.placement.tlbAddr, 0x3000, 0, {});
  p.unmap(b.placement.tlbAddr, 0x800, 0, {});
  EXPECT_FALSE(p.metadataProblem().has_value());
  for (bool used : p.usedSlots()) EXPECT_FALSE(used);
}

// The CVE-2022-0854 history: which calls bounce, per variant and direction.
TEST(SlotPool, BouncesPerDmaDirectionHistory) {
  const StreamingDma from{DmaDirection::FromDevice, false}, skip{DmaDirection::ToDevice, true};
  auto mapCopies = [](const char* variant, StreamingDma dma) {
    SlotPool p = poolFor(variant, 64);
    return p.map({0, 0x10000, 0x800, 0, dma}, kBudget).bounce.copy.has_value();
  };
  auto syncForDeviceCopies = [&](const char* variant) {
    SlotPool p = poolFor(variant, 64);
    MapResult r = p.map({0, 0x10000, 0x800, 0, from}, kBudget);
    return p.sync(r.placement.tlbAddr, 0x800, Direction::ToDevice, from).copy.has_value();
  };
  EXPECT_FALSE(mapCopies("linux-5.16", from));  // SW-INFO-LEAK
  EXPECT_TRUE(mapCopies("linux-5.17", from));
  EXPECT_FALSE(mapCopies("linux-5.17", skip));  // SW-SKIP-SYNC-LEAK
  EXPECT_TRUE(mapCopies("aa6f8dcbab47", skip));
  EXPECT_TRUE(mapCopies("linux-5.18", skip));
  EXPECT_FALSE(syncForDeviceCopies("linux-5.17"));
  EXPECT_TRUE(syncForDeviceCopies("aa6f8dcbab47"));  // SW-SYNC-CLOBBER
  EXPECT_FALSE(syncForDeviceCopies("linux-5.18"));
}

TEST(SlotPool, UnmapBouncesBackUnlessToDeviceOrSkipped) {
  SlotPool p = poolFor("linux-6.10", 64);
  MapResult a = p.map({0, 0x10000, 0x800, 0}, kBudget);
  MapResult b = p.map({0, 0x20000, 0x800, 0, {DmaDirection::ToDevice, false}}, kBudget);
  const BounceResult back = p.unmap(a.placement.tlbAddr, 0x800, 0, {});
  ASSERT_TRUE(back.copy.has_value());
  EXPECT_EQ(back.copy->way, Direction::ToCpu);
  EXPECT_EQ(back.copy->origAddr, 0x10000u);
  EXPECT_FALSE(p.unmap(b.placement.tlbAddr, 0x800, 0, {DmaDirection::ToDevice, false}).copy.has_value());
}

TEST(SlotPool, MaxMappingSizeLeavesRoomForMinAlignFromV518) {
  EXPECT_EQ(poolFor("linux-5.16", 8, 0xfff).maxMappingSize(), 0x40000u);
  EXPECT_EQ(poolFor("linux-5.18", 8, 0xfff).maxMappingSize(), 0x3f000u);
}

}  // namespace
}  // namespace dmacheck::impl
