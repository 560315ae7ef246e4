#pragma once
// The iova harness's recipe (kernel/tree_recipe.h): iova.c and lib/rbtree.c of the tree.
#include "kernel/tree_recipe.h"

namespace dmacheck::kernel {

const TreeRecipe& iovaTreeRecipe();

}  // namespace dmacheck::kernel
