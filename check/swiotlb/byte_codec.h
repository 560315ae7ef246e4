#pragma once
// The fuzzer's view of a scenario: a structure-aware byte encoding. Decoding never fails:
// every input, of any length, is a valid scenario, and every byte is used (missing bytes
// read as 0, so a truncated input is a shorter scenario, not a rejected one). Each field
// is one tag byte: below the table size it picks an interesting value (page sizes, masks,
// orig patterns, sizes near the segment limit), 0xff escapes to an explicit LEB128 value,
// and any other byte folds onto the table. Values are then nudged to the nearest valid one
// (a mask to 2^k-1, a start to the page), so every valid trace encodes to bytes that
// decode back to exactly the same scenario: the corpus of traces seeds the fuzzer. (The
// encoding covers pools of up to 8192 slots; traces may describe larger ones.)
//
//   header: page slots areas start min_align seg_boundary variant
//   op:     kind(%4) then  map: orig size align cpu | alloc: size cpu | unmap: live
//                          | sync: live offset size dir
#include <cstdint>
#include <string>
#include <vector>

#include "check/swiotlb/ops.h"

namespace dmacheck::swiotlb {

struct DecodedInput {
  Scenario scenario;
  std::uint8_t variantChoice = 0;  // picks a variant when the campaign does not fix one
};

DecodedInput decodeInput(const std::uint8_t* data, std::size_t size);
std::vector<std::uint8_t> encodeInput(const Scenario& scenario, std::uint8_t variantChoice = 0);

// A libFuzzer input (crash file, corpus entry) rather than a text trace?
bool looksLikeFuzzerInput(const std::string& fileContents);

}  // namespace dmacheck::swiotlb
