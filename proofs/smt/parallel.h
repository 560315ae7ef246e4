#pragma once
// Runs proof jobs on up to `threads` threads. Each thread has its own Z3 context
// (context() is thread-local), so a job must build every term it uses itself.
#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace dmacheck::proofs::smt {

// prove(job) for every job; results in job order.
template <typename Result, typename Job, typename Prove>
std::vector<Result> proveInParallel(const std::vector<Job>& jobs, unsigned threads, Prove prove) {
  std::vector<Result> results(jobs.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < jobs.size(); i = next++) results[i] = prove(jobs[i]);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < std::max(1u, threads); ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  return results;
}

}  // namespace dmacheck::proofs::smt
