// THE MODEL IS THE SPEC: see byte_content.h. Shares no helper with impl/.
#include "model/swiotlb/byte_content.h"

#include <algorithm>

#include <fmt/format.h>

namespace dmacheck::model {

namespace {

std::uint64_t endOf(std::uint64_t lo, std::uint64_t bytes) {  // lo + bytes, saturated
  return bytes > UINT64_MAX - lo ? UINT64_MAX : lo + bytes;
}

}  // namespace

std::string describe(const ByteSource& source, std::uint64_t sourceOffset) {
  using K = ByteSource::Kind;
  switch (source.kind) {
    case K::PoolInit: return fmt::format("the pool's initial contents (never written since boot)");
    case K::Buffer: return fmt::format("byte {:#x} of the buffer mapped at step {}", sourceOffset, source.step);
    case K::DeviceWrite:
      return fmt::format("byte {:#x} of what the device wrote at step {}", sourceOffset, source.step);
    case K::Coherent: return fmt::format("the data of the swiotlb_alloc of step {}", source.step);
    case K::Outside: return fmt::format("CPU memory at {:#x}, outside the buffer", sourceOffset);
  }
  return "?";
}

ByteContent::ByteContent(ByteSource initial) { pieces_.emplace(0, Piece{initial, 0}); }

void ByteContent::splitAt(std::uint64_t at) {
  auto next = pieces_.upper_bound(at);
  auto holder = std::prev(next);
  if (holder->first == at) return;
  const Piece& p = holder->second;
  pieces_.emplace_hint(next, at, Piece{p.source, p.sourceOffset + (at - holder->first)});
}

void ByteContent::fill(std::uint64_t lo, std::uint64_t hi, ByteSource source, std::uint64_t sourceOffset) {
  if (lo >= hi) return;
  splitAt(lo);
  if (hi != UINT64_MAX) splitAt(hi);
  auto first = pieces_.find(lo);
  pieces_.erase(std::next(first), hi == UINT64_MAX ? pieces_.end() : pieces_.find(hi));
  first->second = Piece{source, sourceOffset};
}

std::vector<ByteContent::Run> ByteContent::runs(std::uint64_t lo, std::uint64_t hi) const {
  std::vector<Run> out;
  if (lo >= hi) return out;
  for (auto it = std::prev(pieces_.upper_bound(lo)); it != pieces_.end() && it->first < hi; ++it) {
    auto next = std::next(it);
    const std::uint64_t pieceEnd = next == pieces_.end() ? UINT64_MAX : next->first;
    const std::uint64_t runLo = std::max(lo, it->first), runHi = std::min(hi, pieceEnd);
    out.push_back({runLo, runHi, it->second.source, it->second.sourceOffset + (runLo - it->first)});
  }
  return out;
}

void ByteContent::copyFrom(const ByteContent& from, std::uint64_t fromLo, std::uint64_t toLo, std::uint64_t bytes) {
  for (const Run& r : from.runs(fromLo, endOf(fromLo, bytes)))  // runs() copies first: `from` may be *this
    fill(toLo + (r.lo - fromLo), toLo + (r.hi - fromLo), r.source, r.sourceOffset);
}

std::optional<ContentDifference> ByteContent::firstDifference(std::uint64_t lo, std::uint64_t bytes,
                                                               const ByteContent& other, std::uint64_t otherLo) const {
  const std::vector<Run> mine = runs(lo, endOf(lo, bytes));
  const std::vector<Run> theirs = other.runs(otherLo, endOf(otherLo, bytes));
  std::optional<ContentDifference> found;
  std::size_t i = 0, j = 0;
  while (i < mine.size() && j < theirs.size()) {
    const Run& a = mine[i];
    const Run& b = theirs[j];
    const std::uint64_t at = std::max(a.lo - lo, b.lo - otherLo);  // relative offsets
    const std::uint64_t until = std::min(a.hi - lo, b.hi - otherLo);
    const std::uint64_t aOffset = a.sourceOffset + (at - (a.lo - lo));
    const std::uint64_t bOffset = b.sourceOffset + (at - (b.lo - otherLo));
    const bool same = a.source == b.source && aOffset == bOffset;
    if (!same && !found) found = ContentDifference{at, until - at, a.source, b.source, aOffset, bOffset};
    else if (!same && found->offset + found->bytes == at && found->got == a.source && found->want == b.source)
      found->bytes += until - at;  // the same two sources go on disagreeing
    else if (found) break;
    if (a.hi - lo == until) ++i;
    if (b.hi - otherLo == until) ++j;
  }
  return found;
}

}  // namespace dmacheck::model
