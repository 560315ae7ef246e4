#include "props/pagesize/generators.h"

#include <fmt/format.h>

#include "model/pagesize/config_rules.h"

namespace dmacheck::pagesize {

namespace {

constexpr std::uint64_t K = 1024, M = K * K, G = K * M;

struct Palette {
  std::vector<std::uint64_t> addresses;  // iova and paddr candidates
  std::vector<std::uint64_t> sizes;
  std::vector<std::uint64_t> vaddrs;     // a small pool: aliasing happens
};

rc::Gen<PageSizes> genDomain() {
  return rc::gen::weightedElement<PageSizes>({
      {5, 4 * K | 2 * M | G},              // x86 / Arm 4K granule
      {2, 4 * K | 64 * K | 2 * M | 512 * M},
      {2, 64 * K | 512 * M},              // Arm 64K granule
      {2, 16 * K | 32 * M},               // Apple DART
      {1, 4 * K},
      {1, 4 * K | 16 * K | 64 * K | 2 * M},
  });
}

// Multiples of a page size, from 0 up, or down from 2^64 (the top of the IOVA space, where
// a range's end wraps to 0).
rc::Gen<std::uint64_t> genBoundaryMultiple() {
  const auto unit = rc::gen::element<std::uint64_t>(4 * K, 16 * K, 64 * K, 2 * M, 32 * M);
  return rc::gen::weightedOneOf<std::uint64_t>({
      {8, rc::gen::apply([](std::uint64_t u, std::uint64_t k) { return u * k; }, unit,
                         rc::gen::element<std::uint64_t>(0, 1, 2, 3, 7, 16, 511))},
      {1, rc::gen::apply([](std::uint64_t u, std::uint64_t k) { return 0 - u * k; }, unit,
                         rc::gen::element<std::uint64_t>(1, 2, 16))},
  });
}

rc::Gen<std::uint64_t> genSize() {
  return rc::gen::weightedOneOf<std::uint64_t>({
      {6, rc::gen::element<std::uint64_t>(4 * K, 8 * K, 16 * K, 64 * K, 128 * K, 2 * M, 4 * M)},
      {2, rc::gen::element<std::uint64_t>(2 * M + 4 * K, 2 * M - 4 * K, 4 * M + 64 * K, 32 * M)},
      {1, rc::gen::element<std::uint64_t>(0, 1, 512, 3 * K)},
  });
}

rc::Gen<Palette> genPalette() {
  return rc::gen::apply(
      [](std::vector<std::uint64_t> a, std::vector<std::uint64_t> s, std::vector<std::uint64_t> v) {
        return Palette{std::move(a), std::move(s), std::move(v)};
      },
      rc::gen::container<std::vector<std::uint64_t>>(4, genBoundaryMultiple()),
      rc::gen::container<std::vector<std::uint64_t>>(3, genSize()),
      rc::gen::container<std::vector<std::uint64_t>>(2, genBoundaryMultiple()));
}

rc::Gen<Op> genOp(const Palette& p) {
  auto address = rc::gen::elementOf(p.addresses);
  auto size = rc::gen::elementOf(p.sizes);
  auto vaddr = rc::gen::weightedOneOf<std::uint64_t>({{3, rc::gen::elementOf(p.vaddrs)}, {2, address}});
  return rc::gen::weightedOneOf<Op>({
      {3, rc::gen::apply([](std::uint64_t i, std::uint64_t pa, std::uint64_t s) -> Op { return SplitOp{i, pa, s}; },
                         address, address, size)},
      {6, rc::gen::apply([](std::uint64_t i, std::uint64_t v, std::uint64_t s) -> Op { return VfioMapOp{i, v, s}; },
                         address, vaddr, size)},
      {3, rc::gen::map(rc::gen::inRange<std::uint32_t>(0, 8), [](std::uint32_t k) -> Op { return UnmapLiveOp{k}; })},
      {2, rc::gen::apply([](std::uint64_t i, std::uint64_t s) -> Op { return VfioUnmapOp{i, s, false}; }, address,
                         size)},
      {1, rc::gen::just<Op>(VfioUnmapOp{0, 0, true})},
      {3, rc::gen::apply([](std::uint64_t phys, std::uint64_t s, bool untrusted) -> Op {
                           return DeviceMapOp{phys, s == 0 ? 1 : s, untrusted};
                         },
                         rc::gen::weightedOneOf<std::uint64_t>({{3, address}, {1, rc::gen::element<std::uint64_t>(0x1800, 0x10200)}}),
                         size, rc::gen::arbitrary<bool>())},
      {2, rc::gen::apply([](std::uint64_t s, bool untrusted) -> Op { return SgtableOp{s, untrusted}; },
                         rc::gen::weightedOneOf<std::uint64_t>({{3, size}, {1, rc::gen::element<std::uint64_t>(0x1000, 0x3000)}}),
                         rc::gen::arbitrary<bool>())},
  });
}

}  // namespace

static rc::Gen<VfioConfig> genConfig() {
  return rc::gen::apply(
      [](std::uint32_t shift, PageSizes first, PageSizes second, bool v2, std::uint32_t limit) {
        std::vector<PageSizes> domains = {first};
        if (second & first) domains.push_back(second);  // a second group's IOMMU must share a size
        return VfioConfig{shift, std::move(domains), v2, limit};
      },
      rc::gen::weightedElement<std::uint32_t>({{6, 12u}, {2, 14u}, {3, 16u}}), genDomain(),
      rc::gen::weightedOneOf<PageSizes>({{3, rc::gen::just<PageSizes>(0)}, {1, genDomain()}}),
      rc::gen::weightedElement<bool>({{4, true}, {1, false}}),
      rc::gen::weightedElement<std::uint32_t>({{9, 65535u}, {1, 2u}}));
}

rc::Gen<Scenario> genScenario() {
  return rc::gen::mapcat(rc::gen::pair(genConfig(), genPalette()), [](const auto& cp) {
    return rc::gen::map(rc::gen::container<std::vector<Op>>(genOp(cp.second)), [config = cp.first](std::vector<Op> ops) {
      std::erase_if(ops, [](const Op& op) {  // client rules: splits neither empty nor wrapping, maps in memory
        if (const auto* o = std::get_if<SplitOp>(&op)) return model::splitProblem(o->iova, o->paddr, o->size).has_value();
        if (const auto* o = std::get_if<DeviceMapOp>(&op)) return model::deviceMapRequestProblem(o->phys, o->size).has_value();
        if (const auto* o = std::get_if<SgtableOp>(&op)) return model::sgtableRequestProblem(o->size).has_value();
        return false;
      });
      return Scenario{config, std::move(ops)};
    });
  });
}

void showValue(const Scenario& s, std::ostream& os) {
  os << fmt::format("host page 2^{}, {} domain(s), v{}, {} ops", s.config.cpuPageShift, s.config.domains.size(),
                    s.config.v2 ? 2 : 1, s.ops.size());
}

}  // namespace dmacheck::pagesize
