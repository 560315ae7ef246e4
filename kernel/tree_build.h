#pragma once
// Builds a kernel tree's allocator file against our shims into a shared library that the
// checker loads as an implementation (kernel/README.md). Only the files named here are read
// from the tree; nothing of it is copied into this project.
#include <filesystem>
#include <string>
#include <vector>

namespace dmacheck::kernel {

struct TreeVersion {
  int version = 0, patchlevel = 0, sublevel = 0;
  std::string text() const;  // "6.12.117"
  bool atLeast(int major, int minor) const { return version > major || (version == major && patchlevel >= minor); }
  static TreeVersion parse(const std::string& text);  // the inverse of text(); zeros where it has none
};

struct BuiltHarness {
  std::string library;  // the shared object
  TreeVersion version;
  double seconds = 0;   // the build, 0 when an up-to-date one was reused
};

// The tree's files a target reads (relative paths): what scripts/kernel-trees.sh extracts.
std::vector<std::string> treeFilesFor(const std::string& target);

// Reads VERSION/PATCHLEVEL/SUBLEVEL from the tree's Makefile; InputError if absent.
TreeVersion readTreeVersion(const std::filesystem::path& tree);

// Builds (or reuses) the harness of `target` ("iova") for `tree` under `buildDir`. Throws
// InputError naming what the tree lacks, or the compiler's first errors.
BuiltHarness buildHarness(const std::filesystem::path& tree, const std::string& target,
                          const std::filesystem::path& buildDir);

// The environment variable through which a built iova harness reaches every engine (the
// checker, the fuzz target started as a child process, replay): "LIBRARY:VERSION".
inline constexpr const char* kKernelIovaEnv = "DMACHECK_KERNEL_IOVA";
inline constexpr const char* kKernelSwiotlbEnv = "DMACHECK_KERNEL_SWIOTLB";
// The variable for `target` ("iova" or "swiotlb").
const char* kernelEnvFor(const std::string& target);

}  // namespace dmacheck::kernel
