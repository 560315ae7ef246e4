#pragma once
// Strict parsing and kernel-style printing of the numbers that appear in traces and on
// the command line: 0x-hex, decimal, and sizes with a K/M/G suffix (4K, 64K, 2M).
#include <cstdint>
#include <string>
#include <string_view>

namespace dmacheck {

// Parses the whole of `text` or throws InputError naming `what` and the text.
std::uint64_t parseNumber(std::string_view text, std::string_view what);

std::string hex(std::uint64_t value);        // 0x1a2b
std::string sizeName(std::uint64_t bytes);   // 4K, 64K, 2M, or hex when not a round size

}  // namespace dmacheck
