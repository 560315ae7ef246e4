#pragma once
// The libFuzzer binary a campaign runs: where it usually is, and that it is this dmacheck's
// fuzzer of the target (the handshake of fuzz/fuzz_harness.h).
#include <string>

namespace dmacheck::cli {

// build/{fuzz,fuzz-nosan}/fuzz/TARGET_fuzz beside this dmacheck's build; InputError if none.
std::string locateFuzzer(const std::string& target);

// InputError unless `fuzzer` answers the handshake with `target`'s name.
void requireFuzzerOf(const std::string& fuzzer, const std::string& target);

}  // namespace dmacheck::cli
