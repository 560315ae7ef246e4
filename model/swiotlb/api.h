#pragma once
// The SWIOTLB slot allocator's interface, as plain data: what a pool and a device look
// like, what callers ask for, and what an allocator answers. The model (model/swiotlb)
// specifies it; every implementation (impl/swiotlb, later real kernel code) provides it.
// Only data lives here, no logic, so the model and the implementations share no helper.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace dmacheck::swiotlb {

inline constexpr std::uint64_t kSlotBytes = 2048;     // IO_TLB_SIZE
inline constexpr std::uint32_t kSegmentSlots = 128;   // IO_TLB_SEGSIZE

struct PoolConfig {
  std::uint64_t start = 0x40000000;   // physical == DMA address of slot 0
  std::uint32_t slots = 1024;         // nslabs
  std::uint32_t areas = 1;            // nareas (power of two)
  std::uint32_t pageSize = 4096;      // PAGE_SIZE: 4K, 16K or 64K
};

struct DeviceConfig {
  std::string name = "dmacheck-dev";      // only for kernel-style log lines
  std::uint32_t minAlignMask = 0;         // dma_get_min_align_mask(dev)
  std::uint64_t segBoundaryMask = ~0ULL;  // dma_get_seg_boundary(dev)
};

struct Config {
  PoolConfig pool;
  DeviceConfig device;
};

// Which side a sync hands the buffer to (swiotlb_sync_single_for_device / _for_cpu), and
// which way a bounce copy went (orig -> tlb, tlb -> orig).
enum class Direction { ToDevice, ToCpu };

// enum dma_data_direction of a streaming map, in the kernel's order (DMA_NONE never maps).
enum class DmaDirection { Bidirectional, ToDevice, FromDevice };

// How a streaming map was asked for; a sync or unmap of it passes the same.
struct StreamingDma {
  DmaDirection dir = DmaDirection::Bidirectional;
  bool skipCpuSync = false;  // DMA_ATTR_SKIP_CPU_SYNC: the driver syncs by itself
};

// swiotlb_tbl_map_single(dev, orig, size, alloc_align_mask, dir, attrs): a streaming bounce mapping.
struct MapRequest {
  std::uint32_t cpu = 0;
  std::uint64_t orig = 0;        // CPU physical address of the caller's buffer
  std::uint64_t size = 0;        // mapping size in bytes
  std::uint32_t allocAlignMask = 0;
  StreamingDma dma;
};

// swiotlb_alloc(dev, size): a coherent allocation; the caller gets whole pages.
struct AllocRequest {
  std::uint32_t cpu = 0;
  std::uint64_t size = 0;
};

// Where an allocation landed: slots [firstSlot, firstSlot + slotCount) including any
// padding slots, and the address handed back to the caller.
struct Placement {
  std::uint32_t firstSlot = 0;
  std::uint32_t slotCount = 0;
  std::uint64_t tlbAddr = 0;
};

// One copy performed by a bounce (map, sync, unmap): `bytes` between orig and tlb addresses.
struct BounceCopy {
  std::uint64_t origAddr = 0;
  std::uint64_t tlbAddr = 0;
  std::uint64_t bytes = 0;
  Direction way = Direction::ToDevice;  // ToDevice: orig -> tlb; ToCpu: tlb -> orig
};

struct BounceResult {
  std::optional<BounceCopy> copy;   // empty: nothing was copied
  std::string warning;              // a WARN the kernel would print, if any
};

// What the search logged, in the kernel's own debug vocabulary.
struct SearchNote {
  bool known = true;  // false: the implementation does not expose its search (real kernel code)
  std::uint64_t allocSize = 0;
  std::uint32_t iotlbAlignMask = 0;
  std::uint32_t stride = 0;
  std::uint32_t area = 0;
};

struct MapResult {
  enum class Status { Mapped, NoSpace, NonTerminating } status = Status::NoSpace;
  Placement placement;
  BounceResult bounce;  // the bounce done at map time (streaming maps)
  SearchNote note;
};

// The implementation hit a BUG_ON (or another fatal path): the kernel would have crashed.
// Only real kernel code throws it; the checker reports it as S-ROBUST.
class KernelBug : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace dmacheck::swiotlb
