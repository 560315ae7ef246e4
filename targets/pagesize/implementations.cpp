#include "check/pagesize/target.h"

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

Implementation PagesizeTarget::implementationOf(const Variant& v) { return fromVariant(v); }

}  // namespace dmacheck::pagesize
