#pragma once
// Builds a kernel tree's allocator file against our shims into a shared library that the
// checker loads as an implementation (kernel/README.md). Only the files named here are read
// from the tree; nothing of it is copied into this project.
#include <filesystem>
#include <string>
#include <vector>

#include "kernel/tree_recipe.h"

namespace dmacheck::kernel {

struct BuiltHarness {
  std::string library;  // the shared object
  TreeVersion version;
  double seconds = 0;   // the build, 0 when an up-to-date one was reused
};

// The tree's files a recipe reads (relative paths): what scripts/kernel-trees.sh extracts.
std::vector<std::string> treeFilesFor(const TreeRecipe& recipe);

// Reads VERSION/PATCHLEVEL/SUBLEVEL from the tree's Makefile; InputError if absent.
TreeVersion readTreeVersion(const std::filesystem::path& tree);

// Builds (or reuses) the recipe's harness for `tree` under `buildDir`. Throws InputError
// naming what the tree lacks, or the compiler's first errors.
BuiltHarness buildHarness(const std::filesystem::path& tree, const TreeRecipe& recipe,
                          const std::filesystem::path& buildDir);

}  // namespace dmacheck::kernel
