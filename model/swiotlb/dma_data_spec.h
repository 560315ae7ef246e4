#pragma once
// THE MODEL IS THE SPEC (the DMA API's data contract). DmaDataSpec follows what each live
// streaming map's bytes must be, as if the buffer were mapped without bouncing, and what
// the implementation's bounce copies made of them:
//   reference  the device's view starts as the buffer (any direction: swiotlb must not show
//              the device anything else, CVE-2022-0854); a device write changes the device's
//              view; a sync for the device hands the CPU's bytes over only for TO_DEVICE and
//              BIDIRECTIONAL, a sync for the CPU (or an unmap) hands the device's bytes back
//              only for FROM_DEVICE and BIDIRECTIONAL; DMA_ATTR_SKIP_CPU_SYNC skips the unmap's.
//   actual     the pool's bytes and each buffer's bytes, moved only by the copies the
//              implementation reports and by device writes into the pool.
// S-DEVDATA: the pool under a mapping equals the device's view. S-CPUDATA: the buffer equals
// the CPU's view. Each map has a buffer of its own, even where two maps name the same orig.
// Shares no helper with impl/.
#include <cstdint>
#include <map>
#include <vector>

#include "model/swiotlb/api.h"
#include "model/swiotlb/byte_content.h"
#include "model/swiotlb/slot_spec.h"

namespace dmacheck::model {

class DmaDataSpec {
 public:
  DmaDataSpec();

  // Which bounces the DMA direction makes due (S-BOUNCE reports a due copy that is missing).
  static bool mapMustBounce(swiotlb::StreamingDma dma);
  static bool syncMustBounce(swiotlb::Direction side, swiotlb::StreamingDma dma);
  static bool unmapMustBounce(swiotlb::StreamingDma dma);

  void mapped(int id, std::size_t step, std::uint64_t orig, std::uint64_t tlb, std::uint64_t size,
              swiotlb::StreamingDma dma);
  // A swiotlb_alloc's owner keeps its own data in the pages it was given.
  void allocated(std::size_t step, std::uint64_t page, std::uint64_t bytes);
  void deviceWrote(int id, std::size_t step, std::uint64_t offset, std::uint64_t bytes);
  void synced(int id, swiotlb::Direction side, std::uint64_t offset, std::uint64_t bytes);
  void unmapped(int id);  // the reference's copy back; judge() still sees the mapping
  void released(int id);  // forget the mapping
  // A bounce copy the implementation reported for mapping `id`.
  void copied(int id, const swiotlb::BounceCopy& copy);

  std::vector<Finding> judge(int id) const;  // S-DEVDATA, S-CPUDATA
  std::vector<int> mappings() const;

 private:
  struct Mapping {
    std::size_t step;
    std::uint64_t orig, tlb, size;
    swiotlb::StreamingDma dma;
    ByteContent buffer;      // actual: the CPU buffer, by offset
    ByteContent deviceView;  // reference, by offset
    ByteContent cpuView;     // reference, by offset
    bool unmapped = false;
  };
  ByteContent pool_;  // actual: the pool's bytes, by physical address
  std::map<int, Mapping> mappings_;
};

}  // namespace dmacheck::model
