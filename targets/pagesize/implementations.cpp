#include "targets/pagesize/implementations.h"

#include <fmt/format.h>

#include "impl/pagesize/page_size_stack.h"

namespace dmacheck::pagesize {

namespace {

Implementation fromVariant(const impl::pagesize::Variant& v) {
  const impl::pagesize::Rules rules = v.rules;
  return {v.name, &v, [rules](const VfioConfig& c) -> std::unique_ptr<PageSizeLogic> {
            return std::make_unique<impl::pagesize::PageSizeStack>(c, rules);
          }};
}

}  // namespace

std::optional<Implementation> findImplementation(const std::string& name) {
  if (const auto* v = impl::pagesize::findPagesizeVariant(name)) return fromVariant(*v);
  return std::nullopt;
}

std::vector<Implementation> allImplementations() {
  std::vector<Implementation> all;
  for (const auto& v : impl::pagesize::pagesizeVariants()) all.push_back(fromVariant(v));
  return all;
}

std::string unknownImplementationMessage(const std::string& name) {
  return fmt::format("unknown pagesize implementation '{}' (known: {})", name, impl::recordNames(impl::pagesize::pagesizeVariants()));
}

}  // namespace dmacheck::pagesize
