#pragma once
// The libFuzzer harness every target shares: bytes -> scenario (the target's byte codec)
// -> the same checker the properties use. A violated invariant aborts after one marker
// line, so libFuzzer keeps the input as a crash artifact and `dmacheck fuzz` can dedupe it:
//   DMACHECK-VIOLATION <impl> <invariant> step <n>: <detail>
// Environment: DMACHECK_IMPL pins the implementation (otherwise the input picks one; "fixed"
// names the target's fixed logic, what CI and the PR fuzzers run);
// DMACHECK_IGNORE=A,B skips invariants a campaign has already saved a finding for.
// Nothing survives between inputs: each one builds a fresh allocator and model.
//
// Target: a check/target.h descriptor.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "check/runnable_ops.h"
#include "check/violation.h"

namespace dmacheck {

template <class Target>
class FuzzHarness {
 public:
  // Validates the environment once, before the first input. Under DMACHECK_HANDSHAKE it
  // only says which target it fuzzes and exits: `dmacheck fuzz` checks a --fuzzer so.
  static void initialize() {
    if (std::getenv("DMACHECK_HANDSHAKE")) {
      std::fprintf(stderr, "DMACHECK-FUZZER target=%s\n", std::string(Target::name).c_str());
      std::fflush(stderr);
      std::_Exit(0);
    }
    campaign();
  }

  static int testOneInput(const std::uint8_t* data, std::size_t size) {
    try {
      return checkOneInput(data, size);
    } catch (const std::exception& e) {  // not a finding: our harness failed; say why before dying
      std::fprintf(stderr, "\nDMACHECK-HARNESS-ERROR %s\n", e.what());
      std::fflush(stderr);
      std::abort();
    }
  }

 private:
  static int checkOneInput(const std::uint8_t* data, std::size_t size) {
    const Campaign& c = campaign();
    const auto input = Target::decode(data, size);
    const auto& impl = c.implementations[input.variantChoice % c.implementations.size()];
    const auto result = Target::check(runnableBy(input.scenario, impl), impl, c.ignored.empty());
    const Violation* found = result.firstViolation ? &*result.firstViolation : nullptr;
    std::vector<Violation> all;
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

  struct Campaign {
    std::vector<typename Target::Implementation> implementations;
    std::set<std::string> ignored;
  };

  static const Campaign& campaign() {
    static const Campaign c = [] {
      Campaign c;
      if (const char* env = std::getenv("DMACHECK_IMPL"); env && *env) {
        const std::string name = std::string(env) == "fixed" ? std::string(Target::fixedLogic) : env;
        auto impl = Target::find(name);
        if (!impl) {
          std::fprintf(stderr, "%s\n", Target::unknown(name).c_str());
          std::exit(2);
        }
        c.implementations = {*impl};
      } else {
        c.implementations = Target::all();
      }
      std::stringstream ignored(std::getenv("DMACHECK_IGNORE") ? std::getenv("DMACHECK_IGNORE") : "");
      for (std::string id; std::getline(ignored, id, ',');)
        if (!id.empty()) c.ignored.insert(id);
      return c;
    }();
    return c;
  }
};

}  // namespace dmacheck

// The libFuzzer entry points of one target, named as in the registry (targets/registry.h);
// fuzz/CMakeLists.txt writes one file with this line per target.
#define DMACHECK_FUZZ_TARGET(NAME)                                                                        \
  namespace {                                                                                             \
  using Fuzzed = dmacheck::AllTargets::Named<dmacheck::AllTargets::indexOf(NAME)>;                        \
  }                                                                                                       \
  extern "C" int LLVMFuzzerInitialize(int*, char***) {                                                    \
    dmacheck::FuzzHarness<Fuzzed>::initialize();                                                          \
    return 0;                                                                                             \
  }                                                                                                       \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {                     \
    return dmacheck::FuzzHarness<Fuzzed>::testOneInput(data, size);                                       \
  }
