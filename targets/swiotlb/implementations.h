#pragma once
// Which implementations the checker can run, by name: our re-implementation with each
// historical variant's rules (impl/swiotlb/variants.cpp), and "kernel", a tree's own
// swiotlb.c that `dmacheck kernel` built against our shims.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "check/swiotlb/checker.h"
#include "impl/swiotlb/variant.h"

namespace dmacheck::swiotlb {

struct Implementation {
  std::string name;
  const impl::Variant* variant = nullptr;
  AllocatorFactory make;
  // The operations it has, where not all (check/runnable_ops.h): a tree without swiotlb_alloc.
  std::function<bool(const Op&)> runs;
};

// Accepts a variant name, an alias or a commit id (12 or more hex digits).
std::optional<Implementation> findImplementation(const std::string& name);
std::vector<Implementation> allImplementations();
// "unknown implementation 'x' (known: ...)" for error messages.
std::string unknownImplementationMessage(const std::string& name);

}  // namespace dmacheck::swiotlb
