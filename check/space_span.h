#pragma once
// A step's state as spans of the target's address space (SWIOTLB slots, IOVA pfns, VFIO
// IOVA bytes): what `dmacheck replay --svg` draws, one row per step. Live spans are the
// client's buffers as the implementation placed them (two that overlap are a double
// allocation); cached and queued spans are what the allocator holds back.
#include <cstdint>
#include <string>

namespace dmacheck {

enum class SpanKind { Live, Cached, Queued };

struct SpaceSpan {
  std::uint64_t lo = 0;
  std::uint64_t size = 0;
  SpanKind kind = SpanKind::Live;
  std::string label;  // "#3": the operation that created it
};

// The part of the address space a picture shows, [start, end) in `unit`s; end == start:
// fit it to the spans drawn.
struct SpaceAxis {
  std::uint64_t start = 0;
  std::uint64_t end = 0;
  std::string unit;
};

}  // namespace dmacheck
