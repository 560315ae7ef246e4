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
  } else if (has(code, R"(static unsigned int \*io_tlb_list;)") && has(code, R"(int __init swiotlb_init_with_tbl\()")) {
    flags += " -DDMK_GLOBAL_POOL";  // one pool in file-scope variables
  } else if (has(code, R"(static void swiotlb_init_io_tlb_mem\([^)]*unsigned long nslabs,\s*(unsigned int flags,\s*)?bool late_alloc\))") &&
             has(header, R"(unsigned int index;)")) {
    flags += " -DDMK_SINGLE_INDEX";  // one io_tlb_mem, one index, no areas
    if (has(code, R"(static void swiotlb_init_io_tlb_mem\([^)]*unsigned int flags)")) flags += " -DDMK_INIT_MEM_FLAGS";
  } else if (!has(code, R"(swiotlb_init_io_tlb_mem\([^)]*unsigned int nareas\))")) {
    throw InputError(fmt::format("{} is linux {}: its swiotlb.c sets its pool up in a way the swiotlb harness does not "
                                 "know (no swiotlb_init_io_tlb_pool(), no swiotlb_init_io_tlb_mem() with or without "
                                 "areas, no global io_tlb_list); see kernel/swiotlb/tree_recipe.cpp",
                                 tree.string(), v.text()));
  }
  if (!has(code, R"(struct page \*swiotlb_alloc\()")) flags += " -DDMK_NO_ALLOC";
  if (has(header, R"(swiotlb_tbl_map_single\([^;]*alloc_size)")) flags += " -DDMK_MAP_ALLOC_SIZE";
  if (!has(header, R"(swiotlb_tbl_map_single\([^;]*alloc_aligned?_mask)")) flags += " -DDMK_MAP_NO_ALIGN_MASK";
  if (has(header, R"(swiotlb_tbl_unmap_single\([^;]*alloc_size)")) flags += " -DDMK_UNMAP_ALLOC_SIZE";
  if (has(header, R"(swiotlb_tbl_sync_single\()")) flags += " -DDMK_SYNC_SINGLE";
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
