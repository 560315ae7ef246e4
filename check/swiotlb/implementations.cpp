#include "check/swiotlb/implementations.h"

#include <fmt/format.h>

#include "impl/swiotlb/slot_pool.h"

namespace dmacheck::swiotlb {

namespace {

Implementation fromVariant(const impl::Variant& v) {
  const impl::Rules rules = v.rules;
  return {v.name, &v, [rules](const Config& c) { return std::make_unique<impl::SlotPool>(c, rules); }};
}

}  // namespace

std::optional<Implementation> findImplementation(const std::string& name) {
  if (const impl::Variant* v = impl::findSwiotlbVariant(name)) return fromVariant(*v);
  return std::nullopt;
}

std::vector<Implementation> allImplementations() {
  std::vector<Implementation> all;
  for (const auto& v : impl::swiotlbVariants()) all.push_back(fromVariant(v));
  return all;
}

std::string unknownImplementationMessage(const std::string& name) {
  std::string known;
  for (const auto& v : impl::swiotlbVariants()) known += (known.empty() ? "" : ", ") + v.name;
  return fmt::format("unknown swiotlb implementation '{}' (known: {}; aliases and commit ids too: see "
                     "'dmacheck list')", name, known);
}

}  // namespace dmacheck::swiotlb
