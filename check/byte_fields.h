#pragma once
// The byte-level field encoding the structure-aware fuzz decoders share: one tag byte per
// field, below the table's size picking an interesting value, 0xff escaping to an explicit
// LEB128 value, other bytes folding onto the table. Missing bytes read as 0, so decoding
// never fails and uses every byte.
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace dmacheck {

inline constexpr std::uint8_t kFieldEscape = 0xff;

class ByteFieldReader {
 public:
  ByteFieldReader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool done() const { return pos_ >= size_; }
  std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  std::uint64_t field(std::initializer_list<std::uint64_t> table) { return pick(table.begin(), table.size()); }
  template <std::size_t N>
  std::uint64_t field(const std::array<std::uint64_t, N>& table) {
    return pick(table.data(), N);
  }

 private:
  std::uint64_t pick(const std::uint64_t* table, std::size_t n) {
    const std::uint8_t tag = byte();
    if (tag != kFieldEscape) return table[tag % n];
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const std::uint8_t b = byte();
      value |= std::uint64_t(b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    return value;
  }

  const std::uint8_t* data_;
  std::size_t size_, pos_ = 0;
};

// An explicit value (escape + LEB128): decodes to itself whatever the field's table.
inline void putEscaped(std::vector<std::uint8_t>& out, std::uint64_t value) {
  out.push_back(kFieldEscape);
  do {
    std::uint8_t b = value & 0x7f;
    value >>= 7;
    if (value) b |= 0x80;
    out.push_back(b);
  } while (value);
}

// The shortest bytes that decode to `value` from `table`: its index there, else escaped.
template <std::size_t N>
void putField(std::vector<std::uint8_t>& out, const std::array<std::uint64_t, N>& table, std::uint64_t value) {
  for (std::size_t i = 0; i < N; ++i)
    if (table[i] == value) return out.push_back(static_cast<std::uint8_t>(i));
  putEscaped(out, value);
}

}  // namespace dmacheck
