#include "check/numbers.h"

#include <charconv>

#include <fmt/format.h>

#include "base/input_error.h"

namespace dmacheck {

namespace {

std::uint64_t suffixMultiplier(char suffix) {
  switch (suffix) {
    case 'K': case 'k': return 1ULL << 10;
    case 'M': case 'm': return 1ULL << 20;
    case 'G': case 'g': return 1ULL << 30;
    default: return 0;
  }
}

[[noreturn]] void reject(std::string_view text, std::string_view what) {
  throw InputError(fmt::format("{} must be a number (decimal, 0x-hex, or with a K/M/G suffix), got '{}'",
                               what, text));
}

}  // namespace

std::uint64_t parseNumber(std::string_view text, std::string_view what) {
  if (text.empty()) reject(text, what);
  std::string_view digits = text;
  std::uint64_t multiplier = 1;
  int base = 10;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    digits.remove_prefix(2);
    base = 16;
  } else if (std::uint64_t m = suffixMultiplier(digits.back()); m != 0) {
    multiplier = m;
    digits.remove_suffix(1);
  }
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
  if (digits.empty() || error == std::errc::invalid_argument || end != digits.data() + digits.size())
    reject(text, what);
  if (error == std::errc::result_out_of_range || value > UINT64_MAX / multiplier)
    throw InputError(fmt::format("{} does not fit in 64 bits: '{}'", what, text));
  return value * multiplier;
}

std::string hex(std::uint64_t value) { return fmt::format("{:#x}", value); }

std::string sizeName(std::uint64_t bytes) {
  if (bytes != 0 && bytes % (1ULL << 30) == 0) return fmt::format("{}G", bytes >> 30);
  if (bytes != 0 && bytes % (1ULL << 20) == 0) return fmt::format("{}M", bytes >> 20);
  if (bytes != 0 && bytes % (1ULL << 10) == 0) return fmt::format("{}K", bytes >> 10);
  return hex(bytes);
}

}  // namespace dmacheck
