#pragma once
// The version states of the SWIOTLB slot search (docs/swiotlb.md, SW-0 .. SW-11), in
// history order so that "state >= Sw7" reads as "from 04867a7a3332 on".
namespace dmacheck::impl {

enum class SwState : int {
  Sw0,   // <= v5.11: no min_align_mask; page stride for >= PAGE_SIZE
  Sw1,   // 1f221a0d0dbf (v5.12): respect min_align_mask, compare always
  Sw1b,  // f4111e39a52a (v5.15): compare only when orig != 0 (restricted-DMA swiotlb_alloc)
  Sw2,   // e81e99bacc9f (v5.16): alloc_align_mask widens the stride
  Sw3,   // 20347fca71a3 (v6.0): per-area index and lock, do..while until wrap
  Sw4,   // 7c3940bf81e5 (v6.3-rc): loop bounded by slots_checked
  Sw5,   // 0eee5ae10256 (v6.3-rc): start at area.index (ALIGN removed), mask &= A (braino)
  Sw6,   // bbb73a103fbb (v6.3): mask = M | A | page bits, compared against orig
  Sw7,   // 04867a7a3332 (v6.9-rc1): A checked against 0, stride from max(A, M)
  Sw8,   // 51b30ecb73b4 (v6.9-rc1): A |= slot mask, M &= ~A
  Sw9,   // 14cebf689a78 (v6.9-rc1): page alignment reinstated for M == A == 0
  Sw10,  // af133562d5af (v6.9): pre-padding slots keep M bits above the slot size
  Sw11,  // 327e2c97c46a (v6.10): mapping size rounded up to A + 1
};

constexpr bool atLeast(SwState state, SwState since) {
  return static_cast<int>(state) >= static_cast<int>(since);
}

}  // namespace dmacheck::impl
