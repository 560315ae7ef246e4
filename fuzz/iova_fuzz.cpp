// libFuzzer target for the IOVA lifecycle: fuzz/fuzz_harness.h with the iova byte codec
// (check/iova/byte_codec.h) and checker.
#include "check/iova/byte_codec.h"
#include "check/iova/checker.h"
#include "check/iova/implementations.h"
#include "fuzz/fuzz_harness.h"

namespace {

struct Target {
  using Implementation = dmacheck::iova::Implementation;
  static auto find(const std::string& name) { return dmacheck::iova::findImplementation(name); }
  static auto all() { return dmacheck::iova::allImplementations(); }
  static std::string unknown(const std::string& name) { return dmacheck::iova::unknownImplementationMessage(name); }
  static auto decode(const std::uint8_t* data, std::size_t size) { return dmacheck::iova::decodeInput(data, size); }
  static auto check(const dmacheck::iova::Scenario& s, const Implementation& impl, bool stopAtFirst) {
    return dmacheck::iova::checkScenario(s, impl.make, {.stopAtFirstViolation = stopAtFirst, .keepReports = !stopAtFirst});
  }
};

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  dmacheck::FuzzHarness<Target>::initialize();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return dmacheck::FuzzHarness<Target>::testOneInput(data, size);
}
