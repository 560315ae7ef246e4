#pragma once
// How `dmacheck kernel` builds one target's harness from a tree: the tree's files it reads,
// our harness beside them, the variable through which the built library reaches every
// engine, and the -D flags that adapt the harness to the tree's interface. Each target with
// a harness defines one in kernel/T/tree_recipe.cpp; its descriptor returns it.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dmacheck::kernel {

struct TreeVersion {
  int version = 0, patchlevel = 0, sublevel = 0;
  std::string text() const;  // "6.12.117"
  bool atLeast(int major, int minor) const { return version > major || (version == major && patchlevel >= minor); }
  static TreeVersion parse(const std::string& text);  // the inverse of text(); zeros where it has none
};

struct TreeRecipe {
  std::string_view target;
  std::vector<std::string> sources;          // compiled as given (the first is #included by the harness)
  std::vector<std::string> headers;          // include/linux/*.h from the tree, ahead of our shims
  std::vector<std::string> optionalHeaders;  // the same, where older trees have them elsewhere
  // The tree's files the harness also #includes (by the -D flags featureFlags gives) where the
  // tree has them in a form it drives: the layer above the first source, with its own headers.
  std::vector<std::string> optionalSources;
  std::string harness;                       // ours, under kernel/
  const char* libraryEnv;                    // "LIBRARY:VERSION" of the built harness
  // The harness's -D flags for this tree, read from its own text where its interface
  // changed; InputError when the tree is older than the harness can drive.
  std::string (*featureFlags)(const std::filesystem::path& tree, const TreeVersion& version);
};

// A -D flag whose value is a file's path as a C string literal (the harness #includes it), for
// featureFlags: blanks inside it survive the split of the flags into words.
std::string fileMacro(const char* name, const std::filesystem::path& file);

}  // namespace dmacheck::kernel
