#include "check/swiotlb/target.h"

#include <algorithm>
#include <array>

#include "check/byte_fields.h"
#include "check/trace_document.h"

namespace dmacheck::swiotlb {

namespace {

// Pools of up to 8192 slots (16 MiB): every corpus trace fits, and a fuzz input that builds a
// 2 GiB pool costs milliseconds and explores nothing a smaller one does not.
constexpr std::uint64_t kMaxFuzzSlots = 8192;

// Tables of values worth trying; the first entry is the default a zero byte gives.
constexpr std::array<std::uint64_t, 3> kPages = {4096, 16384, 65536};
constexpr std::array<std::uint64_t, 14> kSlots = {128, 2, 3, 4, 8, 16, 48, 64, 256, 512, 1024, 130, 300, 2048};
constexpr std::array<std::uint64_t, 3> kAreas = {1, 2, 4};
constexpr std::array<std::uint64_t, 6> kStarts = {0x40000000, 0x40001000, 0x40004000, 0x97ff0000, 0x97ff3000, 0x1000000};
constexpr std::array<std::uint64_t, 6> kMinAligns = {0, 0xfff, 0x7ff, 0x1fff, 0xffff, 0x3fff};
constexpr std::array<std::uint64_t, 4> kBoundaries = {~0ULL, 0xffff, 0xfffff, 0xffffffff};
constexpr std::array<std::uint64_t, 10> kOrigs = {0x10000, 0x10800, 0x109a0, 0x10fa0, 0x11a00, 0x10123, 0x10600,
                                                  0x14000, 0x11800, 0x12345800};
constexpr std::array<std::uint64_t, 16> kSizes = {0x800, 0x1,    0x100,   0x200,   0x801,   0x1000,  0x2000, 0x3000,
                                                  0x4000, 0x10000, 0x20000, 0x3f000, 0x3f800, 0x40000, 0x40001, 0x36800};
constexpr std::array<std::uint64_t, 6> kAligns = {0, 0xfff, 0x7ff, 0x1fff, 0xffff, 0x3fff};
constexpr std::array<std::uint64_t, 4> kCpus = {0, 1, 2, 3};
constexpr std::array<std::uint64_t, 4> kAllocPages = {1, 2, 4, 16};
constexpr std::array<std::uint64_t, 8> kLive = {0, 1, 2, 3, 4, 5, 6, 7};
constexpr std::array<std::uint64_t, 8> kOffsets = {0, 0x100, 0x200, 0x300, 0x7ff, 0x800, 0x900, 0xa00};
constexpr std::array<std::uint64_t, 5> kSyncSizes = {0x100, 1, 0x200, 0x800, 0x1000};
constexpr std::array<std::uint64_t, 2> kDirs = {0, 1};
constexpr std::array<std::uint64_t, 3> kDmaDirs = {0, 1, 2};  // enum dma_data_direction's order
constexpr std::array<std::uint64_t, 2> kSkipSync = {0, 1};
constexpr std::array<std::uint64_t, 8> kWriteSizes = {0x100, 1, 0x10, 0x200, 0x7ff, 0x800, 0x1000, 0x4000};

using Reader = ByteFieldReader;

// The encoder's side of ByteFieldReader: each field as its table index where it has one.
struct Writer {
  template <std::size_t N>
  void field(const std::array<std::uint64_t, N>& table, std::uint64_t value) {
    putField(bytes, table, value);
  }
  std::vector<std::uint8_t>& bytes;
};

// Nudges toward validity; identity on values a valid trace can hold.
std::uint64_t lowBitMask(std::uint64_t v, std::uint64_t max) {
  std::uint64_t mask = 0;
  while (mask < v && mask < max) mask = mask * 2 + 1;
  return mask;
}
std::uint64_t clampTo(std::uint64_t v, std::uint64_t lo, std::uint64_t hi) { return std::clamp(v, lo, hi); }

Config readConfig(Reader& in) {
  Config c;
  c.pool.pageSize = static_cast<std::uint32_t>(in.field(kPages));
  if (c.pool.pageSize != 4096 && c.pool.pageSize != 16384 && c.pool.pageSize != 65536) c.pool.pageSize = 4096;
  c.pool.slots = static_cast<std::uint32_t>(clampTo(in.field(kSlots), 1, kMaxFuzzSlots));
  std::uint64_t areas = in.field(kAreas);
  const bool areasFit = areas >= 1 && areas <= (1u << 13) && (areas & (areas - 1)) == 0 &&
                        c.pool.slots % (areas * kSegmentSlots) == 0;
  c.pool.areas = areas > 1 && areasFit ? static_cast<std::uint32_t>(areas) : 1;
  const std::uint64_t start = in.field(kStarts);
  c.pool.start = std::min<std::uint64_t>(start, (1ULL << 63)) / c.pool.pageSize * c.pool.pageSize;
  c.device.minAlignMask = static_cast<std::uint32_t>(lowBitMask(in.field(kMinAligns), 0x3ffff));
  c.device.segBoundaryMask = std::max<std::uint64_t>(lowBitMask(in.field(kBoundaries), ~0ULL), kSlotBytes - 1);
  return c;
}

std::uint32_t readLive(Reader& in) {
  return static_cast<std::uint32_t>(std::min<std::uint64_t>(in.field(kLive), UINT32_MAX));
}

Op readOp(Reader& in, const Config& config) {
  switch (in.byte() % 5) {
    case 0: {
      std::uint64_t orig = std::max<std::uint64_t>(1, std::min<std::uint64_t>(in.field(kOrigs), 1ULL << 62));
      const std::uint64_t size = clampTo(in.field(kSizes), 1, 1u << 22);
      const auto align = static_cast<std::uint32_t>(lowBitMask(in.field(kAligns), 0xffffffff));
      const auto cpu = static_cast<std::uint32_t>(std::min<std::uint64_t>(in.field(kCpus), UINT32_MAX));
      StreamingDma dma;
      dma.dir = static_cast<DmaDirection>(in.field(kDmaDirs) % 3);
      dma.skipCpuSync = in.field(kSkipSync) % 2 == 1;
      return MapOp{cpu, orig, size, align, dma};
    }
    case 1: {
      // swiotlb_alloc sizes are whole pages: an explicit value is taken as a byte count and rounded up.
      const std::uint64_t pages = in.field(kAllocPages);
      const std::uint64_t page = config.pool.pageSize;
      std::uint64_t size = pages < 1024 ? pages * page : (pages + page - 1) / page * page;
      size = clampTo(size, page, (1u << 22) / page * page);
      const auto cpu = static_cast<std::uint32_t>(std::min<std::uint64_t>(in.field(kCpus), UINT32_MAX));
      return AllocOp{cpu, size};
    }
    case 2:
      return UnmapOp{readLive(in)};
    case 3: {
      const auto live = readLive(in);
      const std::uint64_t offset = in.field(kOffsets);
      const std::uint64_t size = clampTo(in.field(kSyncSizes), 1, 1u << 22);
      const Direction dir = in.field(kDirs) % 2 ? Direction::ToDevice : Direction::ToCpu;
      return SyncOp{live, offset, size, dir};
    }
    default: {
      const auto live = readLive(in);
      const std::uint64_t offset = in.field(kOffsets);
      return DeviceWriteOp{live, offset, clampTo(in.field(kWriteSizes), 1, 1u << 22)};
    }
  }
}

}  // namespace

void decodeConfig(ByteFieldReader& in, Config& config) { config = readConfig(in); }

bool decodeOp(ByteFieldReader& in, Scenario& s) {
  s.ops.push_back(readOp(in, s.config));
  return true;
}

void encodeConfig(std::vector<std::uint8_t>& bytes, const Config& c) {
  Writer out{bytes};
  out.field(kPages, c.pool.pageSize);
  out.field(kSlots, c.pool.slots);
  out.field(kAreas, c.pool.areas);
  out.field(kStarts, c.pool.start);
  out.field(kMinAligns, c.device.minAlignMask);
  out.field(kBoundaries, c.device.segBoundaryMask);
}

void encodeOp(std::vector<std::uint8_t>& bytes, const Op& op, const Config& c) {
  Writer out{bytes};
  if (auto* m = std::get_if<MapOp>(&op)) {
    out.bytes.push_back(0);
    out.field(kOrigs, m->orig), out.field(kSizes, m->size), out.field(kAligns, m->align), out.field(kCpus, m->cpu);
    out.field(kDmaDirs, static_cast<std::uint64_t>(m->dma.dir)), out.field(kSkipSync, m->dma.skipCpuSync ? 1 : 0);
  } else if (auto* a = std::get_if<AllocOp>(&op)) {
    out.bytes.push_back(1);
    const std::uint64_t pages = a->size / c.pool.pageSize;
    out.field(kAllocPages, pages < 1024 ? pages : a->size), out.field(kCpus, a->cpu);
  } else if (auto* u = std::get_if<UnmapOp>(&op)) {
    out.bytes.push_back(2);
    out.field(kLive, u->live);
  } else if (auto* y = std::get_if<SyncOp>(&op)) {
    out.bytes.push_back(3);
    out.field(kLive, y->live), out.field(kOffsets, y->offset), out.field(kSyncSizes, y->size);
    out.field(kDirs, y->dir == Direction::ToDevice ? 1 : 0);
  } else if (auto* w = std::get_if<DeviceWriteOp>(&op)) {
    out.bytes.push_back(4);
    out.field(kLive, w->live), out.field(kOffsets, w->offset), out.field(kWriteSizes, w->size);
  }
}

bool looksLikeFuzzerInput(const std::string& contents) {
  return !isTraceText(contents);
}

}  // namespace dmacheck::swiotlb
