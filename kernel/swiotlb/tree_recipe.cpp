#include "kernel/swiotlb/tree_recipe.h"

#include <fstream>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "base/input_error.h"
#include "base/text_file.h"

namespace dmacheck::kernel {

namespace {

bool has(const std::string& text, const char* pattern) { return std::regex_search(text, std::regex(pattern)); }

// kernel/swiotlb/harness.c says what each flag means.
std::string swiotlbFlags(const std::filesystem::path& tree, const TreeVersion& v) {
  const std::string code = readTextFile(tree / "kernel/dma/swiotlb.c");
  const std::string header = readTextFile(tree / "include/linux/swiotlb.h");
  std::string flags;
  if (has(code, R"(static void swiotlb_init_io_tlb_pool\()")) {
    flags += " -DDMK_INIT_POOL";
    if (has(code, R"(swiotlb_init_io_tlb_pool\([^)]*void \*vaddr)")) flags += " -DDMK_INIT_POOL_VADDR";
  } else if (!has(code, R"(swiotlb_init_io_tlb_mem\([^)]*unsigned int nareas\))")) {
    throw InputError(fmt::format("{} is linux {}: its swiotlb.c predates per-CPU areas (v6.0); the swiotlb harness "
                                 "drives trees from v6.0 on", tree.string(), v.text()));
  }
  if (!has(code, R"(struct page \*swiotlb_alloc\()"))
    throw InputError(fmt::format("{}: its swiotlb.c has no swiotlb_alloc() (restricted DMA pools)", tree.string()));
  if (has(header, R"(swiotlb_tbl_map_single\([^;]*alloc_size)")) flags += " -DDMK_MAP_ALLOC_SIZE";
  return flags;
}

}  // namespace

const TreeRecipe& swiotlbTreeRecipe() {
  static const TreeRecipe recipe{
      .target = "swiotlb",
      .sources = {"kernel/dma/swiotlb.c"},
      .headers = {"include/linux/swiotlb.h", "include/linux/iommu-helper.h"},
      .optionalHeaders = {},
      .harness = "kernel/swiotlb/harness.c",
      .libraryEnv = "DMACHECK_KERNEL_SWIOTLB",
      .featureFlags = swiotlbFlags,
  };
  return recipe;
}

}  // namespace dmacheck::kernel
