#pragma once
// `dmacheck prove`'s options, shared by the per-target runners (prove_command.cpp for
// SWIOTLB, prove_bug_theorems.cpp for IOVA and page sizes). Both print one row per theorem and variant, write
// each counterexample as a trace and replay it, and exit 0 when every verdict is the
// expected one, 3 when one differs.
#include <iostream>
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
  bool json = false;     // the result on stdout (docs/json.md); the table goes to stderr
};

// One row of the result: a theorem on a variant.
struct ProofRow {
  std::string theorem, variant, verdict, expected, reason, trace;
  double seconds = 0;
  bool asExpected = true;
};

// With --json: the table goes to stderr while the prover runs, then `rows` go to stdout as
// the one result object.
class ProveReport {
 public:
  explicit ProveReport(const ProveOptions& o);
  ~ProveReport();
  void add(ProofRow row) { rows_.push_back(std::move(row)); }
  int finish(double wallSeconds, unsigned threads);  // the exit code: 0 as expected, 3 otherwise

 private:
  const ProveOptions& o_;
  std::vector<ProofRow> rows_;
  std::streambuf* stdout_;
};

unsigned proofThreads(const ProveOptions& o);
int proveIova(const ProveOptions& o);
int provePagesize(const ProveOptions& o);

}  // namespace dmacheck::cli
