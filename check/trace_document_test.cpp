#include <gtest/gtest.h>

#include "base/input_error.h"
#include "check/trace_document.h"

namespace dmacheck {
namespace {

std::string errorOf(const std::string& text) {
  try {
    parseTraceDocument(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(TraceDocument, ParsesHeaderExpectationsAndOperations) {
  auto doc = parseTraceDocument(
      "# dmacheck trace v1\n# a note\ntarget swiotlb\nimpl linux-6.3\n"
      "device name=\"virtio-pci 0000:00:07.0\" min_align=0xfff  # trailing comment\n"
      "expect linux-6.3,linux-6.7 S-DISJ\nexpect * pass\nmap orig=0x1 size=2\n");
  EXPECT_EQ(doc.target, "swiotlb");
  EXPECT_EQ(doc.impl, "linux-6.3");
  ASSERT_EQ(doc.lines.size(), 2u);
  EXPECT_EQ(doc.lines[0].text("name"), "virtio-pci 0000:00:07.0");
  EXPECT_EQ(doc.lines[0].comment, "trailing comment");
  EXPECT_EQ(doc.lines[1].lineNo, 8u);
  EXPECT_EQ(doc.expectedFor("linux-6.7"), "S-DISJ");
  EXPECT_EQ(doc.expectedFor("linux-6.10"), "pass");
  // A tree's own code ("kernel") is judged by the variant it stands beside before '*'.
  EXPECT_EQ(doc.expectedFor("kernel", {"linux-6.7"}), "S-DISJ");
  EXPECT_EQ(doc.expectedFor("kernel", {"linux-6.10"}), "pass");
  EXPECT_EQ(doc.notes, std::vector<std::string>{"a note"});
}

TEST(TraceDocument, RejectsMalformedInputNamingLineAndRule) {
  EXPECT_EQ(errorOf(""), "line 1: the trace is empty");
  EXPECT_NE(errorOf("hello\n").find("must start with '# dmacheck trace v1'"), std::string::npos);
  EXPECT_NE(errorOf("# dmacheck trace v9\n").find("version 9 is not supported"), std::string::npos);
  EXPECT_NE(errorOf("# dmacheck trace v1\nmap orig=1\n").find("line 2: 'map' before 'target'"), std::string::npos);
  EXPECT_NE(errorOf("# dmacheck trace v1\ntarget swiotlb\nmap a=1 a=2\n").find("line 3: field 'a' appears twice"),
            std::string::npos);
  EXPECT_NE(errorOf("# dmacheck trace v1\ntarget swiotlb\nmap a=\"x\n").find("unterminated"), std::string::npos);
  EXPECT_NE(errorOf("# dmacheck trace v1\ntarget swiotlb\nexpect onlyone\n").find("expect takes two words"),
            std::string::npos);
  EXPECT_NE(errorOf("# dmacheck trace v1\ntarget a\ntarget b\n").find("'target' appears twice"), std::string::npos);
  EXPECT_NE(errorOf("# dmacheck trace v1\ntarget swiotlb\nmap \x01\n").find("printable ASCII"), std::string::npos);
  EXPECT_NE(errorOf("# dmacheck trace v1\n").find("no 'target' line"), std::string::npos);
}

TEST(TraceDocument, FieldAccessorsExplainWhatIsMissing) {
  auto doc = parseTraceDocument("# dmacheck trace v1\ntarget swiotlb\nmap orig=zz\n");
  EXPECT_THROW(doc.lines[0].number("size"), InputError);
  try {
    doc.lines[0].number("orig");
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("line 3: map orig must be a number"), std::string::npos) << e.what();
  }
  EXPECT_THROW(doc.lines[0].allowOnly({"size"}), InputError);
}

}  // namespace
}  // namespace dmacheck
