// libFuzzer target for the SWIOTLB slot allocator: fuzz/fuzz_harness.h with the swiotlb byte codec
// (check/swiotlb/byte_codec.h) and checker.
#include "check/swiotlb/byte_codec.h"
#include "check/swiotlb/checker.h"
#include "check/swiotlb/implementations.h"
#include "fuzz/fuzz_harness.h"

namespace {

struct Target {
  using Implementation = dmacheck::swiotlb::Implementation;
  static auto find(const std::string& name) { return dmacheck::swiotlb::findImplementation(name); }
  static auto all() { return dmacheck::swiotlb::allImplementations(); }
  static std::string unknown(const std::string& name) { return dmacheck::swiotlb::unknownImplementationMessage(name); }
  static auto decode(const std::uint8_t* data, std::size_t size) { return dmacheck::swiotlb::decodeInput(data, size); }
  static auto check(const dmacheck::swiotlb::Scenario& s, const Implementation& impl, bool stopAtFirst) {
    return dmacheck::swiotlb::checkScenario(s, impl.make, {.stopAtFirstViolation = stopAtFirst, .keepReports = !stopAtFirst});
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
