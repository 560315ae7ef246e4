#pragma once
// `dmacheck prove`'s options and its result table (cli/prove_command.cpp): one row per
// theorem and variant; with --json the rows become one result object (docs/json.md).
#include <iostream>
#include <string>
#include <vector>

namespace dmacheck::cli {

struct ProveOptions {
  std::string target;  // default: the registry's first target
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

}  // namespace dmacheck::cli
