#pragma once
// The swiotlb harness's recipe (kernel/tree_recipe.h): kernel/dma/swiotlb.c of the tree.
#include "kernel/tree_recipe.h"

namespace dmacheck::kernel {

const TreeRecipe& swiotlbTreeRecipe();

}  // namespace dmacheck::kernel
