#pragma once
// The SWIOTLB invariants (docs/swiotlb.md), by stable id. Checks report these ids;
// traces, corpus expectations and the bug registry refer to them.
#include "model/invariant_info.h"
#include <string_view>

namespace dmacheck::swiotlb {

inline constexpr InvariantInfo kInvariants[] = {
    {"S-ROBUST", "no operation crashes the kernel (BUG_ON) or makes it touch memory outside the pool"},
    {"S-TERM", "the slot search terminates within its budget (no endless loop under the area lock)"},
    {"S-BOUNDS", "an allocation lies inside the pool, one area, one 128-slot segment and one device "
                 "segment-boundary window, and the mapping lies inside its slots"},
    {"S-DISJ", "live allocations never share a slot; pages returned by swiotlb_alloc hold only that "
               "allocation's slots"},
    {"S-MINALIGN", "a streaming map keeps the bits of min_align_mask: (tlb & M) == (orig & M)"},
    {"S-ALLOCALIGN", "the first allocated slot is aligned to alloc_align_mask + 1 and the slots reach "
                     "the end of the granule holding the last byte; a coherent allocation is aligned "
                     "to its power-of-two page order"},
    {"S-PAGE", "a streaming map with M == 0, A == 0 and size >= PAGE_SIZE is page aligned"},
    {"S-COMPLETE", "a request fails only if no valid placement exists; max_mapping_size is honoured"},
    {"S-BOUNCE", "every bounce copies exactly the original bytes its tlb range shadows"},
    {"S-DEVDATA", "what the device can read through a streaming map is that buffer's bytes (as last handed to the "
                  "device) or what the device wrote; never stale pool contents (CVE-2022-0854), and a sync never "
                  "overwrites what the device wrote unless its direction hands the CPU's bytes over"},
    {"S-CPUDATA", "what the CPU's buffer holds after a sync for the CPU or an unmap is what the device wrote or the "
                  "buffer's own bytes, as the DMA direction says; never stale pool contents"},
    {"S-FREE", "unmap/free releases exactly the slots (with padding) that the allocation took"},
    {"S-MD", "slot metadata is consistent: list[i] counts the free run to the segment or pool end"},
};

inline constexpr std::string_view kInvariantPriority[] = {
    "S-ROBUST", "S-TERM", "S-BOUNDS", "S-DISJ", "S-MINALIGN", "S-ALLOCALIGN", "S-PAGE",
    "S-COMPLETE", "S-BOUNCE", "S-DEVDATA", "S-CPUDATA", "S-FREE", "S-MD"};

}  // namespace dmacheck::swiotlb
