// Unit tests of the re-implemented top-down allocator: the kernel's own examples.
#include <gtest/gtest.h>

#include "impl/iova/iova_tree.h"

namespace dmacheck::impl::iova {
namespace {

Rules latest() { return Rules{}; }

TEST(IovaTree, TopDownSizeAligned) {
  IovaTree tree(1, 64, latest());
  auto a = tree.alloc(16, 63, true);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->lo, 48u);
  EXPECT_EQ(a->hi, 63u);
  auto b = tree.alloc(3, 63, true);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->lo % 4, 0u);  // fls-based mask: aligned to 4
}

TEST(IovaTree, UnderflowBeforeTheGuard) {  // 5016bdb796b3's own example
  Rules old = latest();
  old.inclusiveWalk = true;
  old.underflowGuard = false;
  IovaTree tree(1, 64, old);
  tree.reserve(0, 0);
  EXPECT_EQ(tree.alloc(2, 3, true)->lo, 2u);
  auto wrapped = tree.alloc(2, 3, true);
  ASSERT_TRUE(wrapped);
  EXPECT_EQ(wrapped->lo, ~0ULL - 1);
  old.underflowGuard = true;
  IovaTree fixed(1, 64, old);
  fixed.reserve(0, 0);
  fixed.alloc(2, 3, true);
  EXPECT_FALSE(fixed.alloc(2, 3, true));
}

TEST(IovaTree, FreeFindsTheContainingNode) {
  IovaTree tree(1, 64, latest());
  auto a = tree.alloc(4, 63, true);
  EXPECT_TRUE(tree.freeContaining(a->lo + 2));
  EXPECT_FALSE(tree.freeContaining(a->lo));
}

}  // namespace
}  // namespace dmacheck::impl::iova
