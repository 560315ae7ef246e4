#include <gtest/gtest.h>

#include "base/input_error.h"
#include "check/numbers.h"

namespace dmacheck {
namespace {

TEST(Numbers, ParsesHexDecimalAndSuffixes) {
  EXPECT_EQ(parseNumber("0x97ff0000", "x"), 0x97ff0000u);
  EXPECT_EQ(parseNumber("7168", "x"), 7168u);
  EXPECT_EQ(parseNumber("64K", "x"), 65536u);
  EXPECT_EQ(parseNumber("2M", "x"), 2u << 20);
  EXPECT_EQ(parseNumber("0xffffffffffffffff", "x"), ~0ULL);
}

TEST(Numbers, RejectsWithTheRuleAndTheText) {
  for (const char* bad : {"", "0x", "12z", "-1", "0x1g", "K", "1.5"}) {
    try {
      parseNumber(bad, "pool start");
      FAIL() << "accepted '" << bad << "'";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("pool start must be a number"), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(parseNumber("0x1ffffffffffffffff", "x"), InputError);
  EXPECT_THROW(parseNumber("99999999999999999999", "x"), InputError);
  EXPECT_THROW(parseNumber("99999999999999999G", "x"), InputError);
}

TEST(Numbers, PrintsKernelStyle) {
  EXPECT_EQ(hex(0x800), "0x800");
  EXPECT_EQ(sizeName(4096), "4K");
  EXPECT_EQ(sizeName(0x36800), "218K");
  EXPECT_EQ(sizeName(0x801), "0x801");
}

}  // namespace
}  // namespace dmacheck
