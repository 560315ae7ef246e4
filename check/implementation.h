#pragma once
// An implementation the checker can run, by name: a re-implemented variant (the same code
// with that variant's Rules) or, under `dmacheck kernel`, a tree's own code.
#include <functional>
#include <string>

namespace dmacheck {

template <class VariantT, class FactoryT, class OpT>
struct Implementation {
  using Variant = VariantT;
  std::string name;
  const Variant* variant = nullptr;  // its record (provenance, known bugs); a tree's: derived
  FactoryT make;
  // The operations it has, where not all (check/runnable_ops.h): a tree without swiotlb_alloc.
  std::function<bool(const OpT&)> runs;
};

}  // namespace dmacheck
