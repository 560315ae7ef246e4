#include "kernel/iova/tree_recipe.h"

namespace dmacheck::kernel {

namespace {

// v6.7 keeps the range cache's depot as a list (kernel/iova/harness.c).
std::string iovaFlags(const std::filesystem::path&, const TreeVersion& v) {
  return v.atLeast(6, 7) ? " -DDMK_DEPOT_LIST" : "";
}

}  // namespace

const TreeRecipe& iovaTreeRecipe() {
  static const TreeRecipe recipe{
      .target = "iova",
      .sources = {"drivers/iommu/iova.c", "lib/rbtree.c"},
      .headers = {"include/linux/iova.h", "include/linux/rbtree.h", "include/linux/rbtree_augmented.h"},
      .optionalHeaders = {"include/linux/rbtree_types.h"},  // older trees keep these types in rbtree.h
      .harness = "kernel/iova/harness.c",
      .libraryEnv = "DMACHECK_KERNEL_IOVA",
      .featureFlags = iovaFlags,
  };
  return recipe;
}

}  // namespace dmacheck::kernel
