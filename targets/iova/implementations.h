#pragma once
// Which IOVA implementations the checker can run, by name: our re-implementation with
// each historical variant's rules (impl/iova/variants.cpp), iova.c + dma-iommu or the
// s390 legacy bitmap.
#include <optional>
#include <string>
#include <vector>

#include "impl/iova/variant.h"
#include "model/iova/allocator.h"

namespace dmacheck::iova {

struct Implementation {
  std::string name;
  const impl::iova::Variant* variant = nullptr;
  AllocatorFactory make;
};

std::optional<Implementation> findImplementation(const std::string& name);
std::vector<Implementation> allImplementations();
std::string unknownImplementationMessage(const std::string& name);

}  // namespace dmacheck::iova
