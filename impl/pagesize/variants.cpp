// The page-size variant registry and bug table, as docs/pagesize.md states them with public
// commit ids; ids not yet checked against the public record are marked "[unverified]".
// Findings of dmacheck itself are marked "(dmacheck finding)".
#include <algorithm>

#include "impl/pagesize/variant.h"

namespace dmacheck::impl::pagesize {

namespace {

Rules rules(bool count, VfioBitmapRule bitmap, GranuleRule granule, bool proposal = false) {
  Rules r;
  r.mapPagesCount = count;
  r.vfioBitmap = bitmap;
  r.granule = granule;
  r.accountHostPagesOnce = r.countWithoutWrap = r.searchByLastByte = proposal;
  return r;
}

Rules withZeroSizeProbe(Rules r) {
  r.v2ProbeSizeZero = true;
  return r;
}

Rules withSgtableAboveGranule(Rules r) {
  r.sgtableAboveGranule = true;
  return r;
}

std::vector<Variant> buildVariants() {
  using enum VfioBitmapRule;
  using enum GranuleRule;
  return {
      {"linux-4.3", {"linux-4.2"}, "VFIO-PAGEMASK", "(before the v4.4 sub-page fix)", "up to v4.3",
       "VFIO's bitmap starts from PAGE_MASK: an IOMMU without the host page size forces its next larger size",
       rules(false, PageMaskOnly, RefuseAbovePage), {"VFIO-SUBPAGE", "VFIO-ALIAS-ACCOUNT", "VFIO-TOP-WRAP"}},
      {"rfc-subpage-2015", {"auger-rfc"}, "VFIO-RFC", "Eric Auger's RFC (Oct 2015, not merged)", "-",
       "sub-page IOMMU sizes exposed to userspace as they are", rules(false, SubPageExposed, RefuseAbovePage),
       {"VFIO-RFC-SUBPAGE", "VFIO-ALIAS-ACCOUNT", "VFIO-TOP-WRAP"}},
      {"linux-4.4", {}, "VFIO-HIDE", "\"vfio/type1: handle case where IOMMU does not support PAGE_SIZE size\" "
       "[unverified id] (v4.4)", "v4.4 - v5.14", "sub-page sizes hidden, PAGE_SIZE advertised; one page per map call",
       rules(false, HideSubPageAddPage, RefuseAbovePage), {"VFIO-ALIAS-ACCOUNT", "VFIO-TOP-WRAP"}},
      {"type1-finddma-size0", {"linux-4.10"}, "VFIO-HIDE", "before \"vfio iommu type1: Fix size argument to "
       "vfio_find_dma() during DMA UNMAP\" (Kirti Wankhede, 2017; 7c03f4284643 [mirror id])", "v4.4 - 2017",
       "linux-4.4 whose v2 UNMAP_DMA probes the first byte with a 0-byte search",
       withZeroSizeProbe(rules(false, HideSubPageAddPage, RefuseAbovePage)), {"VFIO-ALIAS-ACCOUNT", "VFIO-TOP-WRAP"}},
      {"linux-6.1", {"linux-5.15"}, "VFIO-HIDE+COUNT", "map_pages/pgcount series (v5.14-v5.15)", "v5.15 - v6.1",
       "iommu_pgsize returns a page count; a DART granule above PAGE_SIZE forces bypass",
       rules(true, HideSubPageAddPage, BypassAbovePage), {"VFIO-ALIAS-ACCOUNT", "VFIO-TOP-WRAP", "PGSIZE-BIT63-WRAP", "DMA-GRANULE-BYPASS"}},
      {"linux-6.12", {"latest"}, "VFIO-HIDE+COUNT", "mainline", "v6.2 - v6.12", "as linux-6.1",
       rules(true, HideSubPageAddPage, BypassAbovePage), {"VFIO-ALIAS-ACCOUNT", "VFIO-TOP-WRAP", "PGSIZE-BIT63-WRAP", "DMA-GRANULE-BYPASS"}},
      {"sven-v2-2021", {"granule-v2"}, "GRANULE-V2", "Sven Peter, \"iommu: Support granule > PAGE_SIZE\" v2 (Aug 2021, "
       "not merged)", "-", "linux-6.12 with granule-rounded maps; untrusted devices' unaligned maps fail",
       rules(true, HideSubPageAddPage, RoundToGranule), {"VFIO-ALIAS-ACCOUNT", "VFIO-TOP-WRAP", "PGSIZE-BIT63-WRAP"}},
      {"sven-v2-sgtable-on", {}, "GRANULE-V2-NO-3/8", "(hypothetical) Sven Peter's v2 without 3/8 \"Disable "
       "get_sgtable for granule > PAGE_SIZE\": never posted or shipped, it shows what 3/8 prevents", "-",
       "sven-v2-2021 whose get_sgtable runs the mainline remap path above PAGE_SIZE",
       withSgtableAboveGranule(rules(true, HideSubPageAddPage, RoundToGranule)),
       {"VFIO-ALIAS-ACCOUNT", "VFIO-TOP-WRAP", "PGSIZE-BIT63-WRAP", "GRANULE-SGTABLE-OFFSET"}},
      {"sven-v3-2021", {"granule-v3"}, "GRANULE-V3", "Sven Peter's v3 (Oct 2021, not merged)", "-",
       "as v2 without untrusted-device support", rules(true, HideSubPageAddPage, RoundToGranuleTrustAll),
       {"VFIO-ALIAS-ACCOUNT", "VFIO-TOP-WRAP", "PGSIZE-BIT63-WRAP", "GRANULE-UNTRUSTED-EXPOSED"}},
      {"proposal-account-once", {"proposal"}, "VFIO-FIXED", "dmacheck proposal", "-",
       "a host page pinned by several mappings is accounted once; the page count and vfio_find_dma cannot "
       "wrap; granule as v2",
       rules(true, HideSubPageAddPage, RoundToGranule, true), {}},
  };
}

std::vector<BugRecord> buildBugs() {
  return {
      {"VFIO-SUBPAGE", "(seed 001) an IOMMU offering 4K|2M|1G on a 64K-page host makes MAP_DMA and UNMAP_DMA demand 2M alignment: "
       "64K-aligned maps the IOMMU can do are refused", "original type1", "v4.4 sub-page fix [unverified id]",
       {"V-ACCEPT", "V-UNMAP"}, 2, "host 64K, IOMMU 4K|2M|1G, map 64K at iova 0x10000 => -EINVAL"},
      {"VFIO-RFC-SUBPAGE", "(seed 001's RFC) 4K maps accepted on a 64K host: the host page is pinned and accounted once "
       "per mapping, 16 times for 16 4K maps", "RFC (Oct 2015)", "not merged (v4.4 hides sub-page sizes)",
       {"V-ACCEPT", "V-UNMAP", "V-ACCOUNT"}, 1, "host 64K, IOMMU 4K|2M|1G, map 4K => accepted"},
      {"VFIO-ALIAS-ACCOUNT", "(dmacheck finding) two mappings of the same user memory (two IOVAs for one vaddr, as a "
       "vIOMMU creates) pin each host page twice and charge locked_vm twice: vfio_pin_pages_remote counts per vfio_dma",
       "type1 design", "not fixed in type1", {"V-ACCOUNT"}, 2, "map [0, +4K] and [4K, +4K] both at vaddr 0"},
      {"VFIO-TOP-WRAP", "(dmacheck finding) vfio_find_dma compares range ends (`start + size <= dma->iova`, "
       "`start < dma->iova + dma->size`); for a mapping or request that ends at 2^64 the end wraps to 0, so the "
       "mapping is never found: v2 UNMAP_DMA bisects it without -EINVAL and removes nothing, and an overlapping "
       "MAP_DMA is not refused. Reachable where the container's IOVA ranges include the last page (an aperture "
       "to 2^64 - 1, as virtio-iommu's default input range has)", "type1 (vfio_find_dma)",
       "not fixed as of 6.12 (later upstream work not established here)", {"V-UNMAP", "V-ACCEPT"}, 2,
       "map [2^64 - 8K, +8K], then v2 unmap its last 4K => 0 bytes unmapped, no -EINVAL"},
      {"PGSIZE-BIT63-WRAP", "(dmacheck finding, by proof) iommu_pgsize's `offset + pgsize_next <= size` wraps when the "
       "bitmap has a 2^63-byte page: the count it returns maps past the end. No IOMMU offers such a page; traces "
       "cannot reach it (maps are at most 4 GiB)", "map_pages/pgcount series (v5.15)", "not fixed (unreachable in practice)",
       {"P-SPLIT"}, 1, "bitmap 1|2^63, iova 2^63, paddr 0, any size below 2^63 => 2^63 one-byte pages", true},
      {"VFIO-FINDDMA-SIZE0", "v2 UNMAP_DMA searched for a mapping at the first byte with size 0, which skips a mapping "
       "starting exactly there. Harmless, and proved so (vfio-v2-edge-checks-exact): such a mapping is not bisected "
       "anyway, and the alignment checks before it keep every other case away. Today's last-byte search still uses "
       "size 0 and is harmless for the same reason. No variant lists it: no run can show it",
       "type1's v2 checks", "7c03f4284643 (2017) [mirror id]", {"V-UNMAP"}, 0,
       "none: unobservable after MAP_DMA and UNMAP_DMA's alignment checks (proved)", true},
      {"DMA-GRANULE-BYPASS", "(seed 004) an IOMMU whose granule is above PAGE_SIZE (Apple DART 16K on a 4K kernel) "
       "cannot back a DMA domain (init_iova_domain's BUG_ON), so apple-dart forces bypass: an untrusted device reaches "
       "all of memory", "46d1fb072e76 (v5.15, apple-dart)", "not fixed (the series was not merged)", {"G-EXPOSE"}, 1,
       "host 4K, DART 16K|32M, untrusted device maps 4K"},
      {"GRANULE-SGTABLE-OFFSET", "(seed 004, hypothetical: what v2 3/8 prevents) with 5/8's sub-granule allocations, "
       "a buffer sits at a page offset inside a granule block; get_sgtable's remap path starts the table at the "
       "block's first page, so the table (and a second device mapping it) describes the neighbour's page",
       "-", "v2 3/8 returns -ENXIO instead", {"G-SGT"}, 1, "host 4K, DART 16K, sgtable size=4K => table starts 4K early"},
      {"GRANULE-UNTRUSTED-EXPOSED", "(seed 004, v3 of the series) without the untrusted-device rules, a granule-rounded "
       "map exposes up to a granule of neighbouring data to an untrusted device (Marc Zyngier's point)",
       "v3 (Oct 2021) dropped v2's untrusted-device patches [interpretation]", "not merged", {"G-EXPOSE"}, 1,
       "host 4K, DART 16K, untrusted device maps 4K at phys 0x1000 => [0, 16K) reachable"},
  };
}

}  // namespace

const Catalogue<Rules>& pagesizeCatalogue() { return builtCatalogue<buildVariants, buildBugs>(); }

}  // namespace dmacheck::impl::pagesize
