#pragma once
// The frame of every target's libFuzzer input: the config's fields, one byte that picks the
// variant (for the fuzzers not pinned to one), then operations until the bytes run out or
// the target says the scenario is long enough. The target reads and writes its own fields,
// found by argument-dependent lookup: decodeConfig(reader, config), decodeOp(reader,
// scenario) (appends at most one operation; returns whether another may follow),
// encodeConfig(bytes, config) and encodeOp(bytes, op, config). A valid trace encodes to
// bytes that decode back to itself, so the corpus of traces seeds the fuzzers.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "check/byte_fields.h"

namespace dmacheck {

template <class Scenario>
struct DecodedInput {
  Scenario scenario;
  std::uint8_t variantChoice = 0;
};

// Never fails and uses every byte (check/byte_fields.h: missing bytes read as 0).
template <class Scenario>
DecodedInput<Scenario> decodeScenario(const std::uint8_t* data, std::size_t size) {
  ByteFieldReader in(data, size);
  DecodedInput<Scenario> out;
  decodeConfig(in, out.scenario.config);
  out.variantChoice = in.byte();
  while (!in.done() && decodeOp(in, out.scenario)) {
  }
  return out;
}

template <class Scenario>
std::vector<std::uint8_t> encodeScenario(const Scenario& scenario, std::uint8_t variantChoice = 0) {
  std::vector<std::uint8_t> out;
  encodeConfig(out, scenario.config);
  out.push_back(variantChoice);
  for (const auto& op : scenario.ops) encodeOp(out, op, scenario.config);
  return out;
}

}  // namespace dmacheck
