#include "kernel/swiotlb/kernel_slot_pool.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "base/input_error.h"
#include "base/not_in_implementation.h"
#include "impl/swiotlb/slot_metadata_check.h"

namespace dmacheck::kernel {

using namespace dmacheck::swiotlb;

namespace {

std::uint64_t readUnsigned(const void* base, std::size_t offset, std::size_t size) {
  const auto* p = static_cast<const unsigned char*>(base) + offset;
  switch (size) {
    case 2: { std::uint16_t v; std::memcpy(&v, p, 2); return v; }
    case 4: { std::uint32_t v; std::memcpy(&v, p, 4); return v; }
    default: { std::uint64_t v; std::memcpy(&v, p, 8); return v; }
  }
}

unsigned pageShift(std::uint32_t pageSize) { return static_cast<unsigned>(__builtin_ctz(pageSize)); }

// CPU time after which a call counts as hung (S-TERM): a search probes each slot at most
// once per area, a few nanoseconds each even under ASan, so this is ample for a correct
// search and short enough that a campaign meeting SW-DEADLOCK again and again keeps going.
unsigned watchdogMs(std::uint32_t slots) { return 5 + slots / 20000; }

}  // namespace

KernelSlotPool::KernelSlotPool(std::shared_ptr<const KernelSwiotlbLibrary> library, const Config& config)
    : lib_(std::move(library)), config_(config) {
  const dmk_swiotlb_config c{config.pool.start,           config.pool.slots, config.pool.areas,
                             pageShift(config.pool.pageSize), config.device.minAlignMask,
                             config.device.segBoundaryMask, /*cpus=*/1, watchdogMs(config.pool.slots)};
  const int created = lib_->create(&c);
  if (created == DMK_SWIOTLB_BUSY)
    throw InputError(fmt::format("{}: the harness holds one pool at a time", lib_->path));
  call(created, "the pool's initialisation");
  lib_->layout(&layout_);
  takeBounce(Direction::ToDevice);
}

KernelSlotPool::~KernelSlotPool() { lib_->destroy(); }

int KernelSlotPool::call(int result, const char* what) {
  if (result == DMK_SWIOTLB_UNSUPPORTED)
    throw NotInImplementation(fmt::format("linux {}'s swiotlb.c has no {} (restricted-DMA pools came in v5.15): a "
                                          "trace with coherent allocations does not apply to it",
                                 lib_->version, what));
  if (result == DMK_SWIOTLB_BUG)
    throw KernelBug(fmt::format("{} (in {}, linux {})", lib_->bug(), what, lib_->version));
  return result;
}

BounceResult KernelSlotPool::takeBounce(Direction dir) {
  BounceResult result;
  dmk_swiotlb_copy copies[4];
  const std::size_t n = lib_->copies(copies, 4);
  const std::uint64_t poolStart = config_.pool.start, poolEnd = poolStart + std::uint64_t{config_.pool.slots} * kSlotBytes;
  const auto inPool = [&](std::uint64_t a) { return a >= poolStart && a < poolEnd; };
  for (std::size_t i = 0; i < n; ++i) {
    const dmk_swiotlb_copy& c = copies[i];
    // The way is the side the pool is on; `dir` decides only when a trace's orig lies in the pool too.
    const bool toDevice = inPool(c.dst) != inPool(c.src) ? inPool(c.dst) : dir == Direction::ToDevice;
    const BounceCopy copy = toDevice ? BounceCopy{c.src, c.dst, c.bytes, Direction::ToDevice}
                                     : BounceCopy{c.dst, c.src, c.bytes, Direction::ToCpu};
    if (result.copy && result.copy->tlbAddr + result.copy->bytes == copy.tlbAddr)  // a page-wise bounce
      result.copy->bytes += copy.bytes;
    else if (!result.copy)
      result.copy = copy;
  }
  const std::string log = lib_->log();
  static const std::string kWarning = "WARNING: ";  // the checker prints its own prefix
  for (std::size_t at = log.find(kWarning, std::min(logSeen_, log.size())); at != std::string::npos;
       at = log.find(kWarning, at + 1)) {
    const std::size_t from = at + kWarning.size(), eol = log.find('\n', from);
    result.warning = log.substr(from, eol == std::string::npos ? std::string::npos : eol - from);
  }
  logSeen_ = log.size();
  return result;
}

MapResult KernelSlotPool::searched(int result, const dmk_swiotlb_claim& claim, std::uint64_t address,
                                   std::uint32_t cpu, const char* what) {
  call(result, what);
  MapResult r;
  r.note.known = false;
  r.note.area = cpu & (config_.pool.areas - 1);  // where swiotlb_find_slots starts
  r.bounce = takeBounce(Direction::ToDevice);  // the map's bounce to the device
  if (result == DMK_SWIOTLB_HUNG) return r.status = MapResult::Status::NonTerminating, r;
  if (result != 0) return r;
  r.status = MapResult::Status::Mapped;
  r.placement = {static_cast<std::uint32_t>(claim.first), static_cast<std::uint32_t>(claim.count), address};
  return r;
}

MapResult KernelSlotPool::map(const MapRequest& request, std::uint64_t) {
  unsigned long tlb = 0;
  dmk_swiotlb_claim claim{};
  const int result = lib_->map(request.cpu, request.orig, request.size, request.allocAlignMask,
                               static_cast<int>(request.dma.dir), request.dma.skipCpuSync ? 1 : 0, &tlb, &claim);
  return searched(result, claim, tlb, request.cpu, "swiotlb_tbl_map_single");
}

MapResult KernelSlotPool::alloc(const AllocRequest& request, std::uint64_t) {
  unsigned long page = 0;
  dmk_swiotlb_claim claim{};
  const int result = lib_->alloc(request.cpu, request.size, &page, &claim);
  // The caller gets a page. The placement's address is the first claimed slot's, as our
  // re-implementation reports it, when the page is that address rounded down; else the page.
  const std::uint64_t first = config_.pool.start + claim.first * kSlotBytes;
  const std::uint64_t address = first / config_.pool.pageSize * config_.pool.pageSize == page ? first : page;
  return searched(result, claim, address, request.cpu, "swiotlb_alloc");
}

BounceResult KernelSlotPool::unmap(std::uint64_t tlbAddr, std::uint64_t size, std::uint32_t allocAlignMask,
                                   StreamingDma dma) {
  call(lib_->unmap(tlbAddr, size, allocAlignMask, static_cast<int>(dma.dir), dma.skipCpuSync ? 1 : 0),
       "swiotlb_tbl_unmap_single");
  return takeBounce(Direction::ToCpu);
}

void KernelSlotPool::free(std::uint64_t pageAddr, std::uint64_t size) {
  call(lib_->free(pageAddr, size), "swiotlb_free");
  takeBounce(Direction::ToCpu);
}

BounceResult KernelSlotPool::sync(std::uint64_t tlbAddr, std::uint64_t size, Direction side, StreamingDma dma) {
  call(lib_->sync(tlbAddr, size, side == Direction::ToDevice, static_cast<int>(dma.dir)),
       side == Direction::ToDevice ? "swiotlb_sync_single_for_device" : "swiotlb_sync_single_for_cpu");
  return takeBounce(side);
}

std::uint64_t KernelSlotPool::maxMappingSize() const { return lib_->maxMappingSize(); }

namespace {

// One pass over the tree's slot array, its `list` field read as the integer type it is.
template <class ListType>
std::pair<std::uint32_t, std::uint32_t> diffLists(const dmk_swiotlb_layout& l, std::vector<std::uint32_t>& shadow) {
  const auto* base = static_cast<const unsigned char*>(l.slots) + l.list_offset;
  std::uint32_t first = UINT32_MAX, last = 0;
  for (std::uint32_t i = 0; i < shadow.size(); ++i) {
    ListType value;
    std::memcpy(&value, base + std::size_t{i} * l.slot_size, sizeof value);
    if (value == shadow[i]) continue;
    shadow[i] = value;
    first = std::min(first, i);
    last = i + 1;
  }
  return first < last ? std::pair(first, last) : std::pair(0u, 0u);
}

}  // namespace

std::pair<std::uint32_t, std::uint32_t> KernelSlotPool::takeChangedSlots() {
  if (shadowLists_.size() != layout_.nslabs) {  // the first call: everything is new
    shadowLists_.assign(layout_.nslabs, 0);
    for (std::uint32_t i = 0; i < layout_.nslabs; ++i) shadowLists_[i] = static_cast<std::uint32_t>(list(i));
    return {0, static_cast<std::uint32_t>(layout_.nslabs)};
  }
  return layout_.list_size == 2 ? diffLists<std::uint16_t>(layout_, shadowLists_)
                                : diffLists<std::uint32_t>(layout_, shadowLists_);
}

std::uint64_t KernelSlotPool::list(std::uint32_t slot) const {
  return readUnsigned(layout_.slots, slot * layout_.slot_size + layout_.list_offset, layout_.list_size);
}

std::optional<std::uint32_t> KernelSlotPool::firstUsageMismatch(std::uint32_t first, std::uint32_t last,
                                                                const std::uint8_t* expected) const {
  for (std::uint32_t s = first; s < last; ++s)
    if ((list(s) == 0) != (expected[s - first] != 0)) return s;
  return std::nullopt;
}

std::uint64_t KernelSlotPool::areaUsed(std::uint32_t area) const {
  return readUnsigned(layout_.areas, area * layout_.area_size + layout_.area_used_offset, layout_.area_used_size);
}

std::uint32_t KernelSlotPool::areaIndex(std::uint32_t area) const {
  if (area >= layout_.nareas) return 0;
  return static_cast<std::uint32_t>(
      readUnsigned(layout_.areas, area * layout_.area_size + layout_.area_index_offset, 4));
}

std::vector<bool> KernelSlotPool::usedSlots() const {
  std::vector<bool> used(layout_.nslabs);
  for (std::uint32_t i = 0; i < layout_.nslabs; ++i) used[i] = list(i) == 0;
  return used;
}

std::optional<std::string> KernelSlotPool::metadataProblemAround(std::uint32_t first, std::uint32_t last) const {
  const auto listAt = [this](std::uint32_t i) { return list(i); };
  return impl::freeRunProblem(listAt, static_cast<std::uint32_t>(layout_.nslabs), first > 0 ? first - 1 : 0, last);
}

std::optional<std::string> KernelSlotPool::metadataProblem() const {
  const auto listAt = [this](std::uint32_t i) { return list(i); };
  const auto nslabs = static_cast<std::uint32_t>(layout_.nslabs);
  if (auto problem = impl::freeRunProblem(listAt, nslabs, 0, nslabs)) return problem;
  return impl::areaUsedProblem(listAt, [this](std::uint32_t a) { return areaUsed(a); }, layout_.nareas,
                               static_cast<std::uint32_t>(layout_.area_nslabs));
}

}  // namespace dmacheck::kernel
