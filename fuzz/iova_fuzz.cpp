// libFuzzer target for the IOVA lifecycle: bytes -> scenario (check/iova/
// byte_codec.h) -> the same checker the properties use. A violated invariant aborts after
// one marker line, so libFuzzer keeps the input as a crash artifact and `dmacheck fuzz`
// can dedupe it by invariant:
//   DMACHECK-VIOLATION <impl> <invariant> step <n>: <detail>
// Environment: DMACHECK_IMPL pins the implementation (otherwise the input picks one);
// DMACHECK_IGNORE=I-X,I-Y skips invariants a campaign has already saved a finding for.
// Nothing survives between inputs: each one builds a fresh allocator and model.
#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>
#include <string>

#include "check/iova/byte_codec.h"
#include "check/iova/checker.h"
#include "check/iova/implementations.h"

namespace {

struct Campaign {
  std::vector<dmacheck::iova::Implementation> implementations;
  std::set<std::string> ignored;
};

const Campaign& campaign() {
  static const Campaign c = [] {
    Campaign c;
    if (const char* name = std::getenv("DMACHECK_IMPL"); name && *name) {
      auto impl = dmacheck::iova::findImplementation(name);
      if (!impl) {
        std::fprintf(stderr, "%s\n", dmacheck::iova::unknownImplementationMessage(name).c_str());
        std::exit(2);
      }
      c.implementations = {*impl};
    } else {
      c.implementations = dmacheck::iova::allImplementations();
    }
    std::stringstream ignored(std::getenv("DMACHECK_IGNORE") ? std::getenv("DMACHECK_IGNORE") : "");
    for (std::string id; std::getline(ignored, id, ',');)
      if (!id.empty()) c.ignored.insert(id);
    return c;
  }();
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  campaign();  // validate the environment once, before the first input
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dmacheck::iova;
  const Campaign& c = campaign();
  const DecodedInput input = decodeInput(data, size);
  const Implementation& impl = c.implementations[input.variantChoice % c.implementations.size()];
  const CheckResult result =
      checkScenario(input.scenario, impl.make, {.stopAtFirstViolation = c.ignored.empty(), .keepReports = !c.ignored.empty()});
  const dmacheck::Violation* found = result.firstViolation ? &*result.firstViolation : nullptr;
  std::vector<dmacheck::Violation> all;
  if (!c.ignored.empty()) {  // the first violation of an invariant not yet saved
    found = nullptr;
    all = result.allViolations();
    for (const auto& v : all)
      if (!found && !c.ignored.count(v.invariant)) found = &v;
  }
  if (found) {
    std::fprintf(stderr, "\nDMACHECK-VIOLATION %s %s step %zu: %s\n", impl.name.c_str(), found->invariant.c_str(),
                 found->step, found->detail.c_str());
    std::fflush(stderr);
    std::abort();
  }
  return 0;
}
