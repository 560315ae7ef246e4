#pragma once
// Which page-size implementations the checker can run, by name: our re-implementation with
// each version's rules (impl/pagesize/variants.cpp).
#include <optional>
#include <string>
#include <vector>

#include "impl/pagesize/variant.h"
#include "model/pagesize/page_size_logic.h"

namespace dmacheck::pagesize {

struct Implementation {
  std::string name;
  const impl::pagesize::Variant* variant = nullptr;
  LogicFactory make;
};

std::optional<Implementation> findImplementation(const std::string& name);
std::vector<Implementation> allImplementations();
std::string unknownImplementationMessage(const std::string& name);

}  // namespace dmacheck::pagesize
