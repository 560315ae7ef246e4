#include "check/swiotlb/target.h"

#include "impl/swiotlb/slot_pool.h"
#include "kernel/swiotlb/kernel_slot_pool.h"
#include "kernel/swiotlb/tree_recipe.h"
#include "kernel/tree_variant.h"

namespace dmacheck::swiotlb {

namespace {

Implementation fromVariant(const impl::Variant& v) {
  const impl::Rules rules = v.rules;
  return {v.name, &v, [rules](const Config& c) { return std::make_unique<impl::SlotPool>(c, rules); }};
}

// The re-implemented variant a tree's version runs (a tree newer than every variant: the latest).
const impl::Variant& variantOfVersion(const kernel::TreeVersion& v) {
  const impl::Variant* found =
      kernel::variantOfVersion(v, [](const std::string& n) { return impl::swiotlbCatalogue().findVariant(n); });
  return found ? *found : impl::latestSwiotlbVariant();
}

// A tree's own swiotlb.c, when `dmacheck kernel` built one and named it in the environment
// ("LIBRARY:VERSION"), judged (corpus verdicts) as the variant its code behaves as, which
// `dmacheck kernel` derived; without one, as the variant of the same release.
std::optional<Implementation> treeCode() {
  const auto lib = kernel::builtLibraryFrom(kernel::swiotlbTreeRecipe().libraryEnv);
  if (!lib) return std::nullopt;
  static const auto built = [&] {
    const impl::Variant* judged = lib->judge.empty() ? nullptr : impl::swiotlbCatalogue().findVariant(lib->judge);
    const impl::Variant& beside = judged ? *judged : variantOfVersion(kernel::TreeVersion::parse(lib->version));
    auto record = kernel::treeVariant(beside, lib->version, "kernel/dma/swiotlb.c",
                                      "the real swiotlb.c of linux " + lib->version + " (beside re-implemented " +
                                          beside.name + ")");
    auto library =
        std::make_shared<const kernel::KernelSwiotlbLibrary>(kernel::KernelSwiotlbLibrary::open(lib->path, lib->version));
    return std::pair{std::make_unique<impl::Variant>(std::move(record)), library};
  }();
  auto library = built.second;
  Implementation kernelCode{"kernel", built.first.get(), [library](const Config& c) {
                              return std::unique_ptr<SlotAllocator>(std::make_unique<kernel::KernelSlotPool>(library, c));
                            }};
  if (!library->hasAlloc()) kernelCode.runs = [](const Op& op) { return !std::holds_alternative<AllocOp>(op); };
  return kernelCode;
}

}  // namespace

Implementation SwiotlbTarget::implementationOf(const Variant& v) { return fromVariant(v); }

std::optional<Implementation> SwiotlbTarget::kernelImplementation() { return treeCode(); }

const kernel::TreeRecipe* SwiotlbTarget::treeRecipe() { return &kernel::swiotlbTreeRecipe(); }

}  // namespace dmacheck::swiotlb
