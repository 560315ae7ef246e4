#pragma once
// The page-size target's interface types, shared by the model (the spec), the
// implementations and the checker: page-size bitmaps, the pages a map is split into, VFIO
// type1 requests and results. Types only; no selection or validation logic lives here.
#include <cstdint>
#include <string>
#include <vector>

namespace dmacheck::pagesize {

// pgsize_bitmap: bit k set means the IOMMU can map a 2^k-byte page.
using PageSizes = std::uint64_t;

// `count` consecutive pages of `pageSize` bytes from (iova, paddr).
struct PageRun {
  std::uint64_t iova = 0;
  std::uint64_t paddr = 0;
  std::uint64_t pageSize = 0;
  std::uint64_t count = 0;
  bool operator==(const PageRun&) const = default;
};

// The errors VFIO_IOMMU_MAP_DMA / UNMAP_DMA return (0: success).
enum class Errno { Ok = 0, Inval = 22, Exist = 17, NoSpc = 28 };
inline const char* errnoName(Errno e) {
  switch (e) {
    case Errno::Ok: return "0";
    case Errno::Inval: return "-EINVAL";
    case Errno::Exist: return "-EEXIST";
    case Errno::NoSpc: return "-ENOSPC";
  }
  return "?";
}

// A VFIO type1 container: the host (CPU) page size and the IOMMU domains of the groups
// attached to it; the user-visible page-size bitmap is derived from them.
struct VfioConfig {
  std::uint32_t cpuPageShift = 12;            // 4K, 16K or 64K hosts
  std::vector<PageSizes> domains = {0x40201000};  // 4K | 2M | 1G
  bool v2 = true;                             // VFIO_TYPE1v2_IOMMU
  std::uint32_t dmaEntryLimit = 65535;        // dma_entry_limit module parameter
};

struct VfioMap {    // VFIO_IOMMU_MAP_DMA
  std::uint64_t iova = 0, vaddr = 0, size = 0;
};

struct VfioUnmap {  // VFIO_IOMMU_UNMAP_DMA; `all`: VFIO_DMA_UNMAP_FLAG_ALL (iova = size = 0)
  std::uint64_t iova = 0, size = 0;
  bool all = false;
};

struct VfioUnmapResult {
  Errno error = Errno::Ok;
  std::uint64_t bytes = 0;  // unmap->size as returned: bytes actually unmapped
};

// How a device's map went: refused, translated by the IOMMU, bounced through swiotlb, or
// in bypass (no translation: the device uses physical addresses).
enum class MapOutcome { Refused, Mapped, Bounced, Bypass };
inline const char* mapOutcomeName(MapOutcome o) {
  switch (o) {
    case MapOutcome::Refused: return "refused";
    case MapOutcome::Mapped: return "mapped";
    case MapOutcome::Bounced: return "bounced";
    case MapOutcome::Bypass: return "bypass";
  }
  return "?";
}

// A streaming DMA map through dma-iommu (iommu_dma_map_page) by a device behind the first
// domain, whose granule is that domain's smallest page: what the device can reach.
struct DeviceMapResult {
  using Kind = MapOutcome;
  Kind kind = Kind::Refused;
  std::uint64_t dma = 0;           // the address handed to the device
  std::uint64_t mappedIova = 0;    // Mapped: the IOVA range the IOMMU now translates
  std::uint64_t mappedPhys = 0;    //   to this physical range,
  std::uint64_t mappedLength = 0;  //   of which the buffer is a part
};

// Seed 004's round trip: dma_alloc_coherent by a device behind the first domain,
// dma_get_sgtable on that buffer, and dma_map_sgtable of the table by a second device
// behind the last domain (the Asahi DCP driver's "map it for PIODMA" path).
struct PhysRange {  // `length` bytes from `start` (physical, DMA or IOVA addresses)
  std::uint64_t start = 0, length = 0;
  bool operator==(const PhysRange&) const = default;
};
struct Translation {  // the second device's IOMMU maps [iova, +length) to [phys, +length)
  std::uint64_t iova = 0, phys = 0, length = 0;
};
struct SgtableRoundTrip {
  bool allocated = false;
  std::vector<PhysRange> buffer;                // the allocation as the CPU sees it, in order
  bool tableRefused = false;                    // dma_get_sgtable failed (-ENXIO)
  std::vector<PhysRange> table;                 // its entries, in order
  MapOutcome second = MapOutcome::Refused;      // how the second device mapped the table
  std::vector<PhysRange> segments;              // the second device's DMA segments (start = DMA address)
  std::vector<Translation> translations;        // Mapped / Bounced: what its IOMMU or swiotlb now reaches
};

// One vfio_dma: an IOVA range mapped to the user's memory at vaddr.
struct VfioMapping {
  std::uint64_t iova = 0, vaddr = 0, size = 0;
  bool operator==(const VfioMapping&) const = default;
};

}  // namespace dmacheck::pagesize
