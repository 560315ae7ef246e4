#pragma once
// Which implementations the checker can run, by name. Today: our re-implementation with
// each historical variant's rules (impl/swiotlb/variants.cpp). Issue 7 adds the kernel's
// own swiotlb.c built against shims, under the same names scheme.
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
};

// Accepts a variant name, an alias or a commit id (12 or more hex digits).
std::optional<Implementation> findImplementation(const std::string& name);
std::vector<Implementation> allImplementations();
// "unknown implementation 'x' (known: ...)" for error messages.
std::string unknownImplementationMessage(const std::string& name);

}  // namespace dmacheck::swiotlb
