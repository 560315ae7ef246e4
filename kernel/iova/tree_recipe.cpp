#include "kernel/iova/tree_recipe.h"

#include <regex>

#include "base/text_file.h"

namespace dmacheck::kernel {

namespace {

bool has(const std::string& text, const char* pattern) { return std::regex_search(text, std::regex(pattern)); }

constexpr const char* kDmaIommu = "drivers/iommu/dma-iommu.c";

// dma-iommu.c is built above iova.c where it holds the flush queue (v5.17 on): before, the
// queue was iova.c's and the harness's own dma-iommu layer drives it (kernel/iova/harness.c).
bool layerDrivable(const std::filesystem::path& tree) {
  const std::filesystem::path file = tree / kDmaIommu;
  return std::filesystem::is_regular_file(file) && has(readTextFile(file), R"(static void queue_iova\()");
}

// The -D flags of kernel/iova/dma_iommu_layer.c, from the text of the tree's dma-iommu.c.
std::string layerFlags(const std::filesystem::path& tree) {
  const std::string code = readTextFile(tree / kDmaIommu);
  std::string flags = fileMacro("DMK_DMA_IOMMU_C", tree / kDmaIommu);
  if (has(code, R"(iommu_dma_init_domain\(struct iommu_domain \*domain, dma_addr_t base)"))
    flags += " -DDMK_INIT_DOMAIN_RANGE";
  if (!has(code, R"(\*single_fq;)")) flags += " -DDMK_PERCPU_FQ_ONLY";
  if (has(code, R"(\ndma_addr_t iommu_dma_map_phys\()")) flags += " -DDMK_MAP_PHYS";
  if (!has(code, R"(struct dma_sgt_handle \{)")) flags += " -DDMK_SGT_HANDLE_IN_HEADER";
  const std::filesystem::path pages = tree / "drivers/iommu/iommu-pages.h";
  if (std::filesystem::is_regular_file(pages) && has(readTextFile(pages), R"(\nvoid iommu_put_pages_list\()"))
    flags += " -DDMK_PAGES_LIST_EXTERN";
  return flags;
}

// Read from the tree's own text, not its version (kernel/iova/harness.c says what each means).
std::string iovaFlags(const std::filesystem::path& tree, const TreeVersion&) {
  const std::string code = readTextFile(tree / "drivers/iommu/iova.c");
  const std::string header = readTextFile(tree / "include/linux/iova.h");
  std::string flags;
  if (has(code, R"(struct iova_magazine \*depot;)")) flags += " -DDMK_DEPOT_LIST";  // v6.7: the depot is a list
  if (!has(code, R"(int iova_domain_init_rcaches\()")) flags += " -DDMK_RCACHES_IN_INIT";  // older trees
  if (has(header, R"(struct iova_rcache rcaches\[)")) flags += " -DDMK_RCACHE_ARRAY";  // older trees: in the domain
  if (!has(code, R"(static struct iova \*to_iova\()")) flags += " -DDMK_NO_TO_IOVA";  // older trees
  if (!has(code, R"(static void free_global_cached_iovas\()")) flags += " -DDMK_NO_GLOBAL_FLUSH";  // older trees
  if (!has(code, R"(cpuhp_state_add_instance_nocalls\()")) flags += " -DDMK_CPUHP_IN_DRIVER";  // older trees
  if (has(code, R"(\nvoid queue_iova\()")) flags += " -DDMK_FQ_IN_IOVA";  // before v5.17
  if (layerDrivable(tree)) flags += layerFlags(tree);
  if (!has(code, R"(\nalloc_iova_fast\([^{]*\{[^}]*roundup_pow_of_two)")) flags += " -DDMK_ROUND_IN_CALLER";  // older trees
  return flags;
}

}  // namespace

const TreeRecipe& iovaTreeRecipe() {
  static const TreeRecipe recipe{
      .target = "iova",
      .sources = {"drivers/iommu/iova.c", "lib/rbtree.c"},
      .headers = {"include/linux/iova.h", "include/linux/rbtree.h", "include/linux/rbtree_augmented.h"},
      .optionalHeaders = {"include/linux/rbtree_types.h"},  // older trees keep these types in rbtree.h
      .optionalSources = {kDmaIommu, "drivers/iommu/dma-iommu.h", "drivers/iommu/iommu-pages.h"},
      .harness = "kernel/iova/harness.c",
      .libraryEnv = "DMACHECK_KERNEL_IOVA",
      .featureFlags = iovaFlags,
  };
  return recipe;
}

}  // namespace dmacheck::kernel
