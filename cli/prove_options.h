#pragma once
// `dmacheck prove`'s options, shared by the per-target runners (prove_command.cpp for
// SWIOTLB, prove_bug_theorems.cpp for IOVA and page sizes). Both print one row per theorem and variant, write
// each counterexample as a trace and replay it, and exit 0 when every verdict is the
// expected one, 3 when one differs.
#include <string>
#include <vector>

namespace dmacheck::cli {

struct ProveOptions {
  std::string target = "swiotlb";
  std::vector<std::string> impls;
  std::vector<std::string> theorems;
  std::string out = "dmacheck-proofs";
  unsigned timeoutMs = 20000;
  unsigned threads = 0;  // 0: one per core
};

unsigned proofThreads(const ProveOptions& o);
int proveIova(const ProveOptions& o);
int provePagesize(const ProveOptions& o);

}  // namespace dmacheck::cli
