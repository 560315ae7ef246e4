#pragma once
// The fuzzer's view of an IOVA scenario: a structure-aware byte encoding. Decoding never
// fails and uses every byte (missing bytes read as 0). Each field is one tag byte: below
// the field's table size it picks an interesting value (toy domains where dma_32bit_pfn
// is 16-128 pfns, magazine sizes of 1-4 that reach the depot, queue sizes of 2-8), 0xff
// escapes to an explicit LEB128 value, other bytes fold onto the table. Values are then
// nudged to valid ones, so a valid trace encodes to bytes that decode back to itself and
// the corpus of traces seeds the fuzzer.
//
//   header: start_pfn dma32_pfn end_pfn cpus mag_size depot_max mode queue fq_size fq_timeout variant
//   op:     kind(%8) then map: size limit aligned cpu | unmap: live cpu | unmap-again: dead cpu
//           | unmap-pfn: pfn size cpu | reserve: lo hi | tick: ms | cpu-dead: cpu | lazy-switch: race cpu
#include <cstdint>
#include <string>
#include <vector>

#include "check/iova/ops.h"

namespace dmacheck::iova {

struct DecodedInput {
  Scenario scenario;
  std::uint8_t variantChoice = 0;
};

DecodedInput decodeInput(const std::uint8_t* data, std::size_t size);
std::vector<std::uint8_t> encodeInput(const Scenario& scenario, std::uint8_t variantChoice = 0);

}  // namespace dmacheck::iova
