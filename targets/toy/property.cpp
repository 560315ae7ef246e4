// The toy target's generic property: no step violates B-FIT, whatever implementation runs.
#include <rapidcheck.h>

#include "props/property_runner.h"
#include "targets/toy/toy.h"

namespace dmacheck::toy {

namespace {

rc::Gen<Scenario> genScenario() {
  return rc::gen::exec([] {
    Scenario s;
    s.config.capacity = *rc::gen::inRange<std::uint64_t>(1, 33);
    const auto kinds = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 8));
    for (int k : kinds)
      if (k == 0) s.ops.push_back(ResetOp{});
      else s.ops.push_back(AllocOp{std::min<std::uint64_t>(static_cast<std::uint64_t>(k), s.config.capacity + 1)});
    return s;
  });
}

}  // namespace

ToyTarget::PropertyOutcome ToyTarget::property(const Implementation& impl, const PropertyBudget& budget) {
  return checkProperty<ToyTarget>(impl, budget, genScenario);
}

}  // namespace dmacheck::toy
