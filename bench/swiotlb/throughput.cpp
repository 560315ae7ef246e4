// Throughput of the SWIOTLB engine on fuzzer-shaped inputs: the same random inputs (up to
// 64 operations, decoded with check/swiotlb/target.h) run (a) on the implementation
// alone, with only the bookkeeping a caller needs, and (b) through the full checker. The
// ratio is the checker's overhead. Usage: swiotlb_throughput [IMPL] [INPUTS] [SEED]
#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include "check/swiotlb/target.h"

namespace {

using namespace dmacheck::swiotlb;

struct Live {
  std::uint64_t tlb, size;
  std::uint32_t align;
  bool coherent;
  StreamingDma dma;
};

// Runs the operations on the implementation only: what a bare harness would do.
std::size_t runBare(const Scenario& s, const Implementation& impl) {
  auto a = impl.make(s.config);
  std::vector<Live> live;
  for (const Op& op : s.ops) {
    if (auto* m = std::get_if<MapOp>(&op)) {
      auto r = a->map({m->cpu, m->orig, m->size, m->align, m->dma}, 4ULL * s.config.pool.slots + 1024);
      if (r.status == MapResult::Status::Mapped) live.push_back({r.placement.tlbAddr, m->size, m->align, false, m->dma});
    } else if (auto* c = std::get_if<AllocOp>(&op)) {
      auto r = a->alloc({c->cpu, c->size}, 4ULL * s.config.pool.slots + 1024);
      if (r.status == MapResult::Status::Mapped) live.push_back({r.placement.tlbAddr, c->size, 0, true});
    } else if (auto* u = std::get_if<UnmapOp>(&op); u && !live.empty()) {
      const Live v = live[u->live % live.size()];
      if (v.coherent) a->free(v.tlb, v.size); else a->unmap(v.tlb, v.size, v.align, v.dma);
      live.erase(live.begin() + static_cast<long>(u->live % live.size()));
    } else if (auto* y = std::get_if<SyncOp>(&op); y && !live.empty()) {
      const Live& v = live[y->live % live.size()];
      if (!v.coherent) a->sync(v.tlb + y->offset % v.size, 1, y->dir, v.dma);
    }
  }
  return s.ops.size();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string name = argc > 1 ? argv[1] : "proposal-wrap-distance";
  const int inputs = argc > 2 ? std::stoi(argv[2]) : 20000;
  const auto impl = SwiotlbTarget::find(name);
  if (!impl) return std::fprintf(stderr, "%s\n", SwiotlbTarget::unknown(name).c_str()), 2;
  std::mt19937_64 random(argc > 3 ? std::stoull(argv[3]) : 1);
  std::vector<Scenario> scenarios;
  std::size_t ops = 0;
  for (int i = 0; i < inputs; ++i) {
    std::vector<std::uint8_t> bytes(8 + random() % 300);
    for (auto& b : bytes) b = static_cast<std::uint8_t>(random());
    Scenario s = SwiotlbTarget::decode(bytes.data(), bytes.size()).scenario;
    if (s.ops.size() > 64) s.ops.resize(64);
    ops += s.ops.size();
    scenarios.push_back(std::move(s));
  }
  auto time = [&](auto&& body) {
    const auto start = std::chrono::steady_clock::now();
    for (const auto& s : scenarios) body(s);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  const double bare = time([&](const Scenario& s) { runBare(s, *impl); });
  const double checked = time([&](const Scenario& s) { checkScenario(s, impl->make); });
  std::printf("impl %s, %d inputs, %zu operations (%.1f per input)\n", name.c_str(), inputs, ops, double(ops) / inputs);
  std::printf("bare implementation: %10.0f ops/s %9.0f inputs/s\n", ops / bare, inputs / bare);
  std::printf("checked:             %10.0f ops/s %9.0f inputs/s\n", ops / checked, inputs / checked);
  std::printf("checker overhead:    %.2fx\n", checked / bare);
  return 0;
}
