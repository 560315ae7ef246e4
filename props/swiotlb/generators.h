#pragma once
// RapidCheck generators for SWIOTLB scenarios. Uniform values would almost never reach
// the corners where the bugs live, so every scenario first draws a small *palette*
// (swarm testing): one geometry from the interesting table (4K/16K/64K pages, masks 0,
// 0x7ff, 0xfff, 0x1fff, 0xffff, tiny pools, partial segments, several areas, pool starts
// aligned only to the page), then a few orig addresses, sizes and alignments that the
// operations keep reusing. Reuse is what lines up parities, fills the slots of one
// residue, and leaves the odd start indexes that stride bugs need.
#include <ostream>

#include <rapidcheck.h>

#include "check/swiotlb/ops.h"

namespace dmacheck::swiotlb {

rc::Gen<Scenario> genScenario();

// RapidCheck prints counterexamples with this (ADL): the scenario as a trace.
void showValue(const Scenario& scenario, std::ostream& os);

}  // namespace dmacheck::swiotlb
