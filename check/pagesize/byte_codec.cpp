#include "check/pagesize/target.h"

#include <array>

#include "check/byte_fields.h"
#include "model/pagesize/config_rules.h"

namespace dmacheck::pagesize {

namespace {

constexpr std::uint64_t K = 1024, M = K * K, G = K * M;

VfioConfig readConfig(ByteFieldReader& in) {
  VfioConfig c;
  const std::uint64_t page = in.field({4 * K, 64 * K, 16 * K});
  c.cpuPageShift = page == 64 * K ? 16 : page == 16 * K ? 14 : 12;
  const std::initializer_list<std::uint64_t> domains = {4 * K | 2 * M | G, 64 * K | 512 * M,
                                                        4 * K | 64 * K | 2 * M | 512 * M, 16 * K | 32 * M, 4 * K};
  c.domains = {in.field(domains)};
  const bool second = in.field({0, 1}) != 0;
  const std::uint64_t other = in.field(domains);
  if (second) c.domains.push_back(other);
  c.v2 = in.field({1, 0}) != 0;
  c.dmaEntryLimit = static_cast<std::uint32_t>(in.field({65535, 2, 1}));
  if (model::configProblem(c)) c = VfioConfig{};
  return c;
}

// One table of interesting values, offered as addresses and as sizes alike (a split
// off-by-one once hid behind 0x201000, offered only as an address). The last two end at
// 2^64 - 1 for a 64K or 2M map: the top of the IOVA space (VFIO-TOP-WRAP).
constexpr std::array<std::uint64_t, 19> kValues = {
    0,       4 * K,    8 * K, 16 * K, 64 * K, 128 * K, 2 * M - 4 * K, 0x1ff000, 2 * M,     0x201000,
    2 * M + 64 * K, 0x402000, 4 * M, 32 * M, G,      512 * M, 3 * 64 * K,    0 - 64 * K, 0 - 2 * M};

std::uint64_t address(ByteFieldReader& in) { return in.field(kValues); }

// The same table; its first entry (0, what a zero byte gives) becomes the smallest page.
std::uint64_t size(ByteFieldReader& in) {
  const std::uint64_t v = in.field(kValues);
  return v == 0 ? 4 * K : v;
}

Op readOp(ByteFieldReader& in) {
  switch (in.byte() % 6) {
    case 0: {
      SplitOp o{address(in), address(in), size(in)};
      if (model::splitProblem(o.iova, o.paddr, o.size)) o = SplitOp{0, 0, 4 * K};
      return o;
    }
    case 1: {
      VfioMapOp o{address(in), address(in), size(in)};
      if (model::vfioMapProblem({o.iova, o.vaddr, o.size})) o.size = 4 * K;
      return o;
    }
    case 2: {
      VfioUnmapOp o{address(in), size(in), in.field({0, 1}) != 0};
      return o;
    }
    case 3: return UnmapLiveOp{static_cast<std::uint32_t>(in.field({0, 1, 2, 3}))};
    case 5: {
      SgtableOp o{size(in), in.field({0, 1}) != 0};
      if (model::sgtableRequestProblem(o.size)) o.size = 4 * K;
      return o;
    }
    default: {
      DeviceMapOp o{address(in), size(in), in.field({1, 0}) != 0};
      if (model::deviceMapRequestProblem(o.phys, o.size)) o = DeviceMapOp{0x1000, 0x1000, o.untrusted};
      return o;
    }
  }
}

}  // namespace

void decodeConfig(ByteFieldReader& in, VfioConfig& config) { config = readConfig(in); }

bool decodeOp(ByteFieldReader& in, Scenario& s) {
  s.ops.push_back(readOp(in));
  return s.ops.size() < 100;
}

void encodeConfig(std::vector<std::uint8_t>& out, const VfioConfig& c) {
  putEscaped(out, 1ULL << c.cpuPageShift);
  putEscaped(out, c.domains.at(0));
  putEscaped(out, c.domains.size() > 1 ? 1 : 0);
  putEscaped(out, c.domains.size() > 1 ? c.domains[1] : 0);
  putEscaped(out, c.v2 ? 1 : 0);
  putEscaped(out, c.dmaEntryLimit);
}

void encodeOp(std::vector<std::uint8_t>& out, const Op& op, const VfioConfig&) {
  out.push_back(static_cast<std::uint8_t>(op.index()));
  std::visit(
      [&](const auto& o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, SplitOp>)
          putEscaped(out, o.iova), putEscaped(out, o.paddr), putEscaped(out, o.size);
        if constexpr (std::is_same_v<T, VfioMapOp>)
          putEscaped(out, o.iova), putEscaped(out, o.vaddr), putEscaped(out, o.size);
        if constexpr (std::is_same_v<T, VfioUnmapOp>)
          putEscaped(out, o.iova), putEscaped(out, o.size), putEscaped(out, o.all);
        if constexpr (std::is_same_v<T, UnmapLiveOp>) putEscaped(out, o.live);
        if constexpr (std::is_same_v<T, DeviceMapOp>)
          putEscaped(out, o.phys), putEscaped(out, o.size), putEscaped(out, o.untrusted);
        if constexpr (std::is_same_v<T, SgtableOp>) putEscaped(out, o.size), putEscaped(out, o.untrusted);
      },
      op);
}

}  // namespace dmacheck::pagesize
