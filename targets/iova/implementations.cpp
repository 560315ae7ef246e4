#include "check/iova/target.h"

#include <tuple>

#include "impl/iova/dma_domain.h"
#include "impl/iova/s390_bitmap.h"
#include "kernel/iova/kernel_iova_domain.h"
#include "kernel/iova/tree_recipe.h"
#include "kernel/tree_variant.h"

namespace dmacheck::iova {

namespace {

Implementation fromVariant(const impl::iova::Variant& v) {
  const impl::iova::Rules rules = v.rules;
  return {v.name, &v, [rules](const Config& c, IommuHardware& iommu) -> std::unique_ptr<IovaAllocator> {
            if (rules.allocator == impl::iova::AllocatorKind::RbTree)
              return std::make_unique<impl::iova::DmaDomain>(c, iommu, rules);
            return std::make_unique<impl::iova::S390Bitmap>(c, iommu, rules);
          }};
}

// The re-implemented generation a tree's version belongs to (newer than every variant: the newest).
const impl::iova::Variant& variantOfVersion(const kernel::TreeVersion& v) {
  const impl::iova::Variant* found =
      kernel::variantOfVersion(v, [](const std::string& n) { return impl::iova::iovaCatalogue().findVariant(n); });
  return found ? *found : *impl::iova::iovaCatalogue().findVariant("linux-6.12");
}

// A tree's own iova.c, when `dmacheck kernel` built one and named it in the environment
// ("LIBRARY:VERSION"): from v5.17 on with the tree's own dma-iommu.c above it, before under our
// dma-iommu layer with the rules of the tree's generation; judged (corpus verdicts) as the
// variant its code behaves as, which `dmacheck kernel` derived.
std::optional<Implementation> treeCode() {
  const auto lib = kernel::builtLibraryFrom(kernel::iovaTreeRecipe().libraryEnv);
  if (!lib) return std::nullopt;
  static const auto built = [&] {
    const impl::iova::Variant& byVersion = variantOfVersion(kernel::TreeVersion::parse(lib->version));
    const impl::iova::Variant* judged =
        lib->judge.empty() ? nullptr : impl::iova::iovaCatalogue().findVariant(lib->judge);
    auto library = std::make_shared<const kernel::KernelIovaLibrary>(kernel::KernelIovaLibrary::open(lib->path, lib->version));
    const bool layer = library->dmaLayer() == 1;
    const std::string above =
        layer ? "the tree's own dma-iommu.c" : "dmacheck's dma-iommu layer (" + byVersion.name + "'s rules)";
    auto record = kernel::treeVariant(judged ? *judged : byVersion, lib->version,
                                      layer ? "drivers/iommu/dma-iommu.c + iova.c" : "drivers/iommu/iova.c",
                                      "the real iova.c of linux " + lib->version + " under " + above);
    return std::tuple{std::make_unique<impl::iova::Variant>(std::move(record)), library, byVersion.rules};
  }();
  const impl::iova::Variant* variant = std::get<0>(built).get();
  auto library = std::get<1>(built);
  const impl::iova::Rules dmaIommuRules = std::get<2>(built);
  return Implementation{"kernel", variant, [dmaIommuRules, library](const Config& c, IommuHardware& iommu) {
                          return std::unique_ptr<IovaAllocator>(
                              std::make_unique<kernel::KernelIovaDomain>(library, c, iommu, dmaIommuRules));
                        }};
}

}  // namespace

Implementation IovaTarget::implementationOf(const Variant& v) { return fromVariant(v); }

std::optional<Implementation> IovaTarget::kernelImplementation() { return treeCode(); }

const kernel::TreeRecipe* IovaTarget::treeRecipe() { return &kernel::iovaTreeRecipe(); }

}  // namespace dmacheck::iova
