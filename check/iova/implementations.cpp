#include "check/iova/implementations.h"

#include <fmt/format.h>

#include "impl/iova/dma_domain.h"
#include "impl/iova/s390_bitmap.h"

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

}  // namespace

std::optional<Implementation> findImplementation(const std::string& name) {
  if (const auto* v = impl::iova::findIovaVariant(name)) return fromVariant(*v);
  return std::nullopt;
}

std::vector<Implementation> allImplementations() {
  std::vector<Implementation> all;
  for (const auto& v : impl::iova::iovaVariants()) all.push_back(fromVariant(v));
  return all;
}

std::string unknownImplementationMessage(const std::string& name) {
  std::string known;
  for (const auto& v : impl::iova::iovaVariants()) known += (known.empty() ? "" : ", ") + v.name;
  return fmt::format("unknown iova implementation '{}' (known: {}; aliases too: see 'dmacheck list --target iova')",
                     name, known);
}

}  // namespace dmacheck::iova
