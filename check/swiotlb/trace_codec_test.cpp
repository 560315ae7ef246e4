#include <gtest/gtest.h>

#include "base/input_error.h"
#include "check/swiotlb/target.h"

namespace dmacheck::swiotlb {
namespace {

Scenario parse(const std::string& body) {
  return readTraceLines<TraceSyntax>(parseTraceDocument("# dmacheck trace v1\ntarget swiotlb\n" + body));
}

TEST(TraceCodec, RoundTripsThroughText) {
  Scenario s;
  s.config.pool = {0x97ff0000, 7168, 2, 16384};
  s.config.device = {"virtio-pci 0000:00:07.0", 0xfff, 0xffffffff};
  s.ops = {MapOp{1, 0x40001000, 0x800, 0xfff}, AllocOp{0, 0x4000}, UnmapOp{1}, SyncOp{0, 0x300, 0x100, Direction::ToDevice}};
  const std::string text = SwiotlbTarget::trace(s, {"linux-6.3", {"note"}, {}});
  const Scenario back = parse(text.substr(text.find("pool")));
  EXPECT_EQ(SwiotlbTarget::trace(back, {"linux-6.3", {"note"}, {}}), text);
}

TEST(TraceCodec, RejectsUnknownLinesFieldsAndBadValues) {
  auto error = [](const std::string& body) {
    try {
      parse(body);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(error("pool start=0x40000000 slots=8\nfrobnicate x=1\n").find("unknown line 'frobnicate'"), std::string::npos);
  EXPECT_NE(error("pool start=0x40000000 slots=8 colour=red\n").find("'pool' has no field 'colour'"), std::string::npos);
  EXPECT_NE(error("pool start=0x40000000 slots=8\nmap size=1\n").find("'map' needs the field orig="), std::string::npos);
  EXPECT_NE(error("pool start=0x40000000 slots=8 page=8K\n").find("page must be 4K, 16K or 64K"), std::string::npos);
  EXPECT_NE(error("map orig=1 size=1\n").find("the 'pool' line must come before the first operation"),
            std::string::npos);
  EXPECT_NE(error("").find("a swiotlb trace needs a 'pool' line"), std::string::npos);
  EXPECT_NE(error("pool start=0x40000000 slots=8\nmap orig=1 size=1\npool start=0x40000000 slots=8\n").find("before the first operation"),
            std::string::npos);
  EXPECT_NE(error("pool start=0x40000000 slots=8\nsync live=0 size=1 dir=sideways\n").find("'cpu' or 'device'"), std::string::npos);
  EXPECT_NE(error("pool start=0x40000000 slots=8\nmap orig=1 size=1 align=0x100000000\n").find("fit in 32 bits"), std::string::npos);
}

}  // namespace
}  // namespace dmacheck::swiotlb
