#pragma once
// THE MODEL IS THE SPEC (its data half). ByteContent says where every byte of a memory
// range came from, without holding the bytes: the range is cut into runs, and run [lo, hi)
// holds bytes sourceOffset .. sourceOffset + (hi - lo) of one source (a caller's buffer, a
// device write, the pool's initial contents, ...). Two ranges hold the same data exactly
// when their runs name the same source bytes. Plain std::map code; shares no helper with impl/.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dmacheck::model {

struct ByteSource {
  enum class Kind : std::uint8_t {
    PoolInit,     // what the pool held before any allocation (zeroed at boot)
    Buffer,       // the caller's buffer of the streaming map made at `step`
    DeviceWrite,  // what the device wrote at `step`
    Coherent,     // what the owner of the swiotlb_alloc made at `step` keeps in its pages
    Outside,      // CPU memory outside the buffer (offset: its physical address)
  };
  Kind kind = Kind::PoolInit;
  std::size_t step = 0;
  bool operator==(const ByteSource&) const = default;
};

// Where two ranges first disagree: `bytes` bytes from `offset` (relative to the range start).
struct ContentDifference {
  std::uint64_t offset = 0;
  std::uint64_t bytes = 0;
  ByteSource got, want;
  std::uint64_t gotOffset = 0, wantOffset = 0;  // the source offsets at `offset`
};

std::string describe(const ByteSource& source, std::uint64_t sourceOffset);

class ByteContent {
 public:
  // Byte x of the whole 64-bit space holds byte x of `initial`.
  explicit ByteContent(ByteSource initial);

  // [lo, hi) now holds bytes sourceOffset.. of `source`.
  void fill(std::uint64_t lo, std::uint64_t hi, ByteSource source, std::uint64_t sourceOffset);
  // [toLo, toLo + bytes) now holds what [fromLo, fromLo + bytes) of `from` holds.
  void copyFrom(const ByteContent& from, std::uint64_t fromLo, std::uint64_t toLo, std::uint64_t bytes);
  // The first stretch of [lo, lo + bytes) that differs from [otherLo, otherLo + bytes) of `other`.
  std::optional<ContentDifference> firstDifference(std::uint64_t lo, std::uint64_t bytes, const ByteContent& other,
                                                   std::uint64_t otherLo) const;

 private:
  struct Run {
    std::uint64_t lo, hi;
    ByteSource source;
    std::uint64_t sourceOffset;  // of byte lo
  };
  struct Piece {
    ByteSource source;
    std::uint64_t sourceOffset;  // of the byte at the piece's start
  };
  std::vector<Run> runs(std::uint64_t lo, std::uint64_t hi) const;  // clipped to [lo, hi)
  void splitAt(std::uint64_t at);

  std::map<std::uint64_t, Piece> pieces_;  // by start; covers [0, 2^64) without gaps
};

}  // namespace dmacheck::model
