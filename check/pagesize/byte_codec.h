#pragma once
// The fuzzer's view of a page-size scenario: a structure-aware byte encoding
// (check/byte_fields.h). Tables hold the values that matter: host pages 4K/16K/64K, real
// IOMMU page-size sets, addresses and sizes on host-page and IOMMU-page boundaries, user
// addresses from a small pool (so mappings alias). Values are nudged to valid ones, so a
// valid trace encodes to bytes that decode back to itself and the traces seed the fuzzer.
//
//   header: host_page domain1 has_domain2 domain2 v2 entry_limit variant
//   op:     kind(%6) then split: iova paddr size | vfio-map: iova vaddr size
//           | vfio-unmap: iova size all | unmap-live: live | device-map: phys size untrusted
//           | sgtable: size untrusted
#include <cstdint>
#include <vector>

#include "check/pagesize/ops.h"

namespace dmacheck::pagesize {

struct DecodedInput {
  Scenario scenario;
  std::uint8_t variantChoice = 0;
};

DecodedInput decodeInput(const std::uint8_t* data, std::size_t size);
std::vector<std::uint8_t> encodeInput(const Scenario& scenario, std::uint8_t variantChoice = 0);

}  // namespace dmacheck::pagesize
