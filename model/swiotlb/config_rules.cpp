// THE MODEL IS THE SPEC (see config_rules.h).
#include "model/swiotlb/config_rules.h"

#include <fmt/format.h>

namespace dmacheck::model {

using namespace swiotlb;

namespace {

constexpr std::uint64_t kMaxPoolSlots = 1u << 20;      // 2 GiB of bounce buffer is plenty
constexpr std::uint64_t kMaxRequestBytes = 1u << 22;   // far above the 256 KiB a segment holds

bool isPowerOfTwo(std::uint64_t value) {
  for (std::uint64_t p = 1; p != 0; p *= 2)
    if (p == value) return true;
  return false;
}

}  // namespace

bool isLowBitMask(unsigned __int128 mask) {
  unsigned __int128 size = mask + 1;  // must be a power of two
  while (size > 1) {
    if (size % 2 != 0) return false;
    size /= 2;
  }
  return true;
}

std::optional<std::string> configProblem(const Config& config) {
  const PoolConfig& pool = config.pool;
  if (pool.pageSize != 4096 && pool.pageSize != 16384 && pool.pageSize != 65536)
    return fmt::format("page must be 4K, 16K or 64K (PAGE_SIZE of a Linux kernel), got {:#x}", pool.pageSize);
  if (pool.slots < 1 || pool.slots > kMaxPoolSlots)
    return fmt::format("slots must be between 1 and {}, got {}", kMaxPoolSlots, pool.slots);
  if (!isPowerOfTwo(pool.areas))
    return fmt::format("areas must be a power of two (the kernel rounds it up), got {}", pool.areas);
  const std::uint64_t wholeSegments = std::uint64_t{pool.areas} * kSegmentSlots;  // 64-bit: areas may be 2^31
  if (pool.areas > 1 && pool.slots % wholeSegments != 0)
    return fmt::format("with {} areas, slots must be a multiple of {} (whole segments per area), got {}",
                       pool.areas, wholeSegments, pool.slots);
  if (pool.start % pool.pageSize != 0)
    return fmt::format("pool start must be page aligned (pools are page allocations), got {:#x} with page {:#x}",
                       pool.start, pool.pageSize);
  const unsigned __int128 end = (unsigned __int128)pool.start + (unsigned __int128)pool.slots * kSlotBytes;
  if (end > ((unsigned __int128)1 << 64))
    return fmt::format("pool start {:#x} + {} slots runs past the 64-bit address space", pool.start, pool.slots);
  if (!isLowBitMask(config.device.minAlignMask))
    return fmt::format("min_align must be 2^k-1 (a low-bit mask), got {:#x}", config.device.minAlignMask);
  if (config.device.minAlignMask >= kSlotBytes * kSegmentSlots)
    return fmt::format("min_align must be below the 256 KiB segment (swiotlb_max_mapping_size() subtracts it), "
                       "got {:#x}", config.device.minAlignMask);
  if (!isLowBitMask(config.device.segBoundaryMask) || config.device.segBoundaryMask < kSlotBytes - 1)
    return fmt::format("seg_boundary must be 2^k-1 with k >= 11 (at least one slot), got {:#x}",
                       config.device.segBoundaryMask);
  return std::nullopt;
}

std::optional<std::string> mapRequestProblem(const Config&, const MapRequest& request) {
  if (request.orig == 0)
    return "map orig must be non-zero (the kernel uses orig 0 to mean swiotlb_alloc)";
  if (request.size < 1 || request.size > kMaxRequestBytes)
    return fmt::format("map size must be between 1 and {:#x}, got {:#x}", kMaxRequestBytes, request.size);
  if ((unsigned __int128)request.orig + request.size > ((unsigned __int128)1 << 64))
    return fmt::format("map orig {:#x} + size {:#x} wraps the address space", request.orig, request.size);
  if (!isLowBitMask(request.allocAlignMask))
    return fmt::format("map align must be 2^k-1 (alloc_align_mask), got {:#x}", request.allocAlignMask);
  return std::nullopt;
}

std::optional<std::string> allocRequestProblem(const Config&, const AllocRequest& request) {
  if (request.size < 1 || request.size > kMaxRequestBytes)
    return fmt::format("alloc size must be between 1 and {:#x}, got {:#x}", kMaxRequestBytes, request.size);
  return std::nullopt;
}

}  // namespace dmacheck::model
