#pragma once
// THE SPEC of seed 004's round trip (dmacheck's reference model): a coherent buffer, the
// scatter-gather table dma_get_sgtable makes of it, and that table mapped by a second
// device. Written from what the DMA API promises; it shares no helper with impl/.
//
// * G-SGT: a table that get_sgtable returns describes the buffer: its bytes, in order, are
//   the buffer's first `size` bytes, and whatever it adds past them (up to the page) still
//   belongs to the allocation. Refusing (-ENXIO) is allowed.
// * G-SGT-MAP: the second device's DMA segments, read in order, reach exactly the table's
//   bytes in order. How many segments there are is reported, not judged: the API never
//   promised one, though the Asahi DCP driver assumes it.
// * G-EXPOSE: an untrusted second device reaches nothing beyond the table's bytes.
#include <optional>

#include "model/pagesize/api.h"
#include "model/pagesize/exposure_spec.h"

namespace dmacheck::pagesize::model {

std::optional<ExposureProblem> roundTripProblem(const SgtableRoundTrip& trip, std::uint64_t size, bool untrusted);

// Bytes the second device reaches beyond the table; nothing means unbounded (bypass).
std::optional<std::uint64_t> roundTripExposure(const SgtableRoundTrip& trip);

}  // namespace dmacheck::pagesize::model
