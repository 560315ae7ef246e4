#pragma once
// The variants and theorems a `dmacheck prove` request names, the same way for every
// target: all of them when none is named, an InputError naming the unknown one otherwise.
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "base/input_error.h"

namespace dmacheck::proofs {

// The theorem with this id, or nothing.
template <class Theorem>
const Theorem* findTheoremById(const std::vector<Theorem>& theorems, const std::string& id) {
  for (const Theorem& t : theorems)
    if (t.id == id) return &t;
  return nullptr;
}

template <class Theorem>
std::vector<const Theorem*> chosenTheorems(std::string_view target, const std::vector<Theorem>& all,
                                           const std::vector<std::string>& ids) {
  std::vector<const Theorem*> out;
  if (ids.empty())
    for (const Theorem& t : all) out.push_back(&t);
  for (const std::string& id : ids) {
    const Theorem* t = findTheoremById(all, id);
    if (!t) {
      std::string known;
      for (const Theorem& k : all) known += (known.empty() ? "" : ", ") + k.id;
      throw InputError(fmt::format("unknown {} theorem '{}' (theorems: {})", target, id, known));
    }
    out.push_back(t);
  }
  return out;
}

// `find` maps a name to a variant pointer or nullptr; `unknown` words the error.
template <class Variant, class Find, class Unknown>
std::vector<const Variant*> chosenVariants(const std::vector<Variant>& all, const std::vector<std::string>& names,
                                           Find find, Unknown unknown) {
  std::vector<const Variant*> out;
  if (names.empty())
    for (const Variant& v : all) out.push_back(&v);
  for (const std::string& name : names) {
    const Variant* v = find(name);
    if (!v) throw InputError(unknown(name));
    out.push_back(v);
  }
  return out;
}

}  // namespace dmacheck::proofs
