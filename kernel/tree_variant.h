#pragma once
// A tree's own code as an implementation: which library `dmacheck kernel` built (read back
// from the environment), and the variant record it is listed and judged under.
#include <cstdlib>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "kernel/tree_recipe.h"

namespace dmacheck::kernel {

struct BuiltLibrary {
  std::string path;
  std::string version;  // the tree's, e.g. "6.12.117"
  std::string judge;    // the variant its code behaves as (cli/tree_judge.h); empty: by version
};

// The library named by `variable` ("LIBRARY:VERSION", set by `dmacheck kernel`), if any, and
// the judge `dmacheck kernel` derived for it (<variable>_JUDGE).
inline std::optional<BuiltLibrary> builtLibraryFrom(const char* variable) {
  const char* value = std::getenv(variable);
  if (!value) return std::nullopt;
  const char* judge = std::getenv((std::string(variable) + "_JUDGE").c_str());
  const std::string text = value;
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) return BuiltLibrary{text, "?", judge ? judge : ""};
  return BuiltLibrary{text.substr(0, colon), text.substr(colon + 1), judge ? judge : ""};
}

// The re-implemented variant a tree's version belongs to, by name through `find` (a target's
// registry lookup): its exact release, else its series, else the nearest earlier series of its
// major version; null when none (the caller takes its newest).
template <class Find>
auto variantOfVersion(const TreeVersion& v, Find find) -> decltype(find(std::string())) {
  if (auto* exact = find("linux-" + v.text())) return exact;
  for (int minor = v.patchlevel; minor >= 0; --minor)
    if (auto* series = find(fmt::format("linux-{}.{}", v.version, minor))) return series;
  return nullptr;
}

// The record of implementation "kernel": the re-implemented variant `beside` (the corpus
// judges the tree's code by its verdicts, through the alias), renamed and described.
template <class Variant>
Variant treeVariant(Variant beside, const std::string& version, const std::string& file, std::string summary) {
  beside.aliases = {beside.name};
  beside.commits = "the tree's own " + file + ", judged as " + beside.name;  // whose expect lines apply
  beside.name = "kernel";
  beside.state = "linux " + version + " " + file.substr(file.rfind('/') + 1);
  beside.kernels = version;
  beside.summary = std::move(summary);
  return beside;
}

}  // namespace dmacheck::kernel
