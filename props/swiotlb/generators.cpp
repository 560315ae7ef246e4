#include "props/swiotlb/generators.h"

#include "check/swiotlb/target.h"

namespace dmacheck::swiotlb {

namespace {

struct Palette {
  Config config;
  std::vector<std::uint64_t> origs;
  std::vector<std::uint64_t> sizes;
  std::vector<std::uint32_t> aligns;
  std::vector<std::uint64_t> allocSizes;
};

rc::Gen<std::uint64_t> genOrigLowBits() {
  return rc::gen::weightedOneOf<std::uint64_t>({
      {6, rc::gen::element<std::uint64_t>(0x0, 0x800, 0x9a0, 0xfa0, 0x1a00, 0x123, 0x600, 0x1800, 0x1000)},
      {3, rc::gen::inRange<std::uint64_t>(0, 0x10000)},
      {1, rc::gen::map(rc::gen::inRange<std::uint64_t>(0, 32), [](std::uint64_t k) { return k << 11; })},
  });
}

rc::Gen<std::uint64_t> genOrig() {
  return rc::gen::apply([](std::uint64_t high, std::uint64_t low) { return (high << 16) | low | (high == 0 ? 1 << 16 : 0); },
                        rc::gen::inRange<std::uint64_t>(0, 1u << 20), genOrigLowBits());
}

rc::Gen<std::uint64_t> genMapSize() {
  return rc::gen::weightedOneOf<std::uint64_t>({
      {5, rc::gen::element<std::uint64_t>(0x100, 0x200, 0x800, 0x801, 0x1000, 0x2000, 0x3000, 0x4000)},
      {2, rc::gen::element<std::uint64_t>(0x10000, 0x20000, 0x3f000, 0x3f800, 0x40000, 0x40001, 0x50000)},
      {3, rc::gen::inRange<std::uint64_t>(1, 0x40001)},
  });
}

rc::Gen<std::uint32_t> genAlign(std::uint32_t pageSize) {
  return rc::gen::weightedElement<std::uint32_t>(
      {{8, 0u}, {1, 0x7ffu}, {2, 0xfffu}, {1, 0x1fffu}, {2, 0xffffu}, {2, pageSize - 1}});
}

// Bidirectional as often as the other two together, as drivers map; skip_cpu_sync now and then.
rc::Gen<StreamingDma> genStreamingDma() {
  return rc::gen::apply([](DmaDirection dir, bool skip) { return StreamingDma{dir, skip}; },
                        rc::gen::weightedElement<DmaDirection>({{2, DmaDirection::Bidirectional},
                                                                {1, DmaDirection::ToDevice},
                                                                {1, DmaDirection::FromDevice}}),
                        rc::gen::weightedElement<bool>({{7, false}, {1, true}}));
}

rc::Gen<std::uint32_t> genSlots() {
  return rc::gen::weightedOneOf<std::uint32_t>({
      {3, rc::gen::element<std::uint32_t>(2, 3, 4, 8, 16, 64)},
      {5, rc::gen::element<std::uint32_t>(128, 256)},
      {4, rc::gen::element<std::uint32_t>(512, 1024, 2048)},
      {1, rc::gen::element<std::uint32_t>(130, 200, 300, 1000)},
  });
}

}  // namespace

static rc::Gen<Config> genConfig() {
  return rc::gen::apply(
      [](std::uint32_t pageSize, std::uint32_t slots, std::uint32_t areas, std::uint64_t base, std::uint32_t pageShift,
         std::uint32_t minAlign, std::uint64_t boundary) {
        Config c;
        c.pool.pageSize = pageSize;
        c.pool.slots = slots;
        c.pool.areas = slots % (areas * kSegmentSlots) == 0 ? areas : 1;
        c.pool.start = base + std::uint64_t{pageShift} * pageSize;  // aligned to the page, not necessarily more
        c.device.minAlignMask = minAlign;
        c.device.segBoundaryMask = boundary;
        return c;
      },
      rc::gen::weightedElement<std::uint32_t>({{6, 4096u}, {2, 16384u}, {3, 65536u}}), genSlots(),
      rc::gen::weightedElement<std::uint32_t>({{7, 1u}, {2, 2u}, {1, 4u}}),
      rc::gen::element<std::uint64_t>(0x40000000, 0x97ff0000, 0x80000000, 0x1000000),
      rc::gen::weightedElement<std::uint32_t>({{3, 0u}, {2, 1u}, {1, 3u}}),
      rc::gen::weightedElement<std::uint32_t>({{8, 0u}, {2, 0x7ffu}, {5, 0xfffu}, {2, 0x1fffu}, {2, 0xffffu}, {1, 0x3fffu}}),
      // Boundaries narrower than a min_align_mask (0x3fff, 0x7fff) reach SW-BOUNDARY-ALIGN.
      rc::gen::weightedElement<std::uint64_t>(
          {{17, ~0ULL}, {1, 0x3fffULL}, {1, 0x7fffULL}, {1, 0xffffULL}, {1, 0xfffffULL}, {1, 0xffffffffULL}}));
}

namespace {

rc::Gen<Palette> genPalette() {
  return rc::gen::mapcat(genConfig(), [](const Config& config) {
    const std::uint32_t page = config.pool.pageSize;
    return rc::gen::apply(
        [config](std::vector<std::uint64_t> origs, std::vector<std::uint64_t> sizes, std::vector<std::uint32_t> aligns,
                 std::vector<std::uint64_t> allocPages) {
          Palette p{config, std::move(origs), std::move(sizes), std::move(aligns), {}};
          for (std::uint64_t pages : allocPages) p.allocSizes.push_back(pages * config.pool.pageSize);
          return p;
        },
        rc::gen::container<std::vector<std::uint64_t>>(2, genOrig()),
        rc::gen::container<std::vector<std::uint64_t>>(2, genMapSize()),
        rc::gen::container<std::vector<std::uint32_t>>(2, genAlign(page)),
        rc::gen::container<std::vector<std::uint64_t>>(2, rc::gen::element<std::uint64_t>(1, 2, 3, 4)));
  });
}

rc::Gen<Op> genOp(const Palette& p) {
  auto cpu = rc::gen::weightedElement<std::uint32_t>({{6, 0u}, {1, 1u}, {1, 2u}, {1, 3u}});
  auto map = rc::gen::apply([](std::uint32_t c, std::uint64_t o, std::uint64_t s, std::uint32_t a,
                               StreamingDma dma) -> Op { return MapOp{c, o, s, a, dma}; },
                            cpu, rc::gen::weightedOneOf<std::uint64_t>({{9, rc::gen::elementOf(p.origs)}, {1, genOrig()}}),
                            rc::gen::weightedOneOf<std::uint64_t>({{8, rc::gen::elementOf(p.sizes)}, {2, genMapSize()}}),
                            rc::gen::elementOf(p.aligns), genStreamingDma());
  auto alloc = rc::gen::apply([](std::uint32_t c, std::uint64_t s) -> Op { return AllocOp{c, s}; }, cpu,
                              rc::gen::elementOf(p.allocSizes));
  auto unmap = rc::gen::map(rc::gen::inRange<std::uint32_t>(0, 8), [](std::uint32_t k) -> Op { return UnmapOp{k}; });
  auto sync = rc::gen::apply(
      [](std::uint32_t k, std::uint64_t off, std::uint64_t size, bool toCpu) -> Op {
        return SyncOp{k, off, size, toCpu ? Direction::ToCpu : Direction::ToDevice};
      },
      rc::gen::inRange<std::uint32_t>(0, 4),
      rc::gen::weightedOneOf<std::uint64_t>({{3, rc::gen::element<std::uint64_t>(0, 0x100, 0x200, 0x7ff, 0x800, 0x900, 0xa00)},
                                             {1, rc::gen::inRange<std::uint64_t>(0, 0x40000)}}),
      rc::gen::element<std::uint64_t>(1, 0x100, 0x200, 0x800, 0x1000), rc::gen::arbitrary<bool>());
  auto write = rc::gen::apply([](std::uint32_t k, std::uint64_t off, std::uint64_t size) -> Op {
                                return DeviceWriteOp{k, off, size};
                              },
                              rc::gen::inRange<std::uint32_t>(0, 4), rc::gen::element<std::uint64_t>(0, 0x10, 0x100, 0x800),
                              rc::gen::element<std::uint64_t>(1, 0x10, 0x100, 0x800, 0x1000));
  return rc::gen::weightedOneOf<Op>({{9, map}, {2, alloc}, {6, unmap}, {3, sync}, {2, write}});
}

}  // namespace

rc::Gen<Scenario> genScenario() {
  return rc::gen::mapcat(genPalette(), [](const Palette& p) {
    return rc::gen::map(rc::gen::container<std::vector<Op>>(genOp(p)), [config = p.config](std::vector<Op> ops) {
      return Scenario{config, std::move(ops)};
    });
  });
}

void showValue(const Scenario& scenario, std::ostream& os) { os << "\n" << SwiotlbTarget::trace(scenario, {}); }

}  // namespace dmacheck::swiotlb
