#include "proofs/pagesize/theorems.h"

#include "check/pagesize/target.h"
#include "impl/pagesize/granule_rules.h"
#include "impl/pagesize/pgsize_rules.h"
#include "impl/pagesize/vfio_rules.h"

namespace dmacheck::proofs::pagesize {

using impl::pagesize::Rules;
using smt::implies;
using smt::Truth;
using smt::Word;
namespace dp = dmacheck::pagesize;

namespace {

Truth isPowerOfTwo(const Word& x) { return x != Word(0) && (x & (x - Word(1))) == Word(0); }
Truth alignedTo(const Word& x, const Word& page) { return (x & (page - Word(1))) == Word(0); }

// `page` is the smallest size in `bitmap`: a power of two in it with no smaller one.
std::vector<Truth> isSmallestPage(const Word& page, const Word& bitmap) {
  return {isPowerOfTwo(page), (bitmap & page) != Word(0), (bitmap & (page - Word(1))) == Word(0)};
}

// A page of size s may start here: a supported power of two, aligned in iova and paddr, fitting.
Truth validPage(const Word& s, const Word& bitmap, const Word& iova, const Word& paddr, const Word& size) {
  return isPowerOfTwo(s) && (bitmap & s) != Word(0) && alignedTo(iova, s) && alignedTo(paddr, s) && s <= size;
}

// __iommu_map's precondition for calling iommu_pgsize: a non-empty map aligned to the smallest page.
struct SplitInputs {
  Word bitmap = Word::variable("bitmap"), iova = Word::variable("iova"), paddr = Word::variable("paddr");
  Word size = Word::variable("size"), smallest = Word::variable("smallest_page");
  std::vector<Truth> assumptions() const {
    std::vector<Truth> a = isSmallestPage(smallest, bitmap);
    a.insert(a.end(), {size != Word(0), alignedTo(iova | paddr | size, smallest)});
    return a;
  }
};

bool always(const Rules&) { return true; }

bool counted(const Rules& r) { return r.mapPagesCount; }

impl::pagesize::PageChoice<Word> choose(const SplitInputs& in, const Rules& rules, bool count) {
  return impl::pagesize::iommuPageSize(rules, in.bitmap, in.iova, in.paddr, in.size, count);
}

Statement pgsizeValid(const Rules& rules, bool realBitmaps) {
  const SplitInputs in;
  const auto choice = choose(in, rules, rules.mapPagesCount);
  Statement s;
  s.assumptions = in.assumptions();
  if (realBitmaps) s.assumptions.push_back(in.bitmap < Word(1ULL << 63));
  const Word bytes = choice.count << choice.pageShift;
  s.claim = validPage(choice.pageSize, in.bitmap, in.iova, in.paddr, in.size) && choice.count >= Word(1) &&
            (bytes >> choice.pageShift) == choice.count && bytes <= in.size;
  return s;
}

Statement pgsizeValidAnyBitmap(const Rules& rules) { return pgsizeValid(rules, false); }
Statement pgsizeValidRealBitmaps(const Rules& rules) { return pgsizeValid(rules, true); }

Statement pgsizeLargest(const Rules& rules) {
  const SplitInputs in;
  const Word other = Word::variable("other_page");
  const auto choice = choose(in, rules, rules.mapPagesCount);
  Statement s;
  s.assumptions = in.assumptions();
  s.assumptions.push_back(validPage(other, in.bitmap, in.iova, in.paddr, in.size));
  s.claim = other <= choice.pageSize;
  return s;
}

// Each of the `count` pages is itself the largest valid page where it starts: one call with
// a count maps exactly what one call per page would.
Statement countedPagesStayLargest(const Rules& rules) {
  const SplitInputs in;
  const Word k = Word::variable("k"), other = Word::variable("other_page");
  const auto choice = choose(in, rules, true);
  const Word offset = k << choice.pageShift;
  Statement s;
  s.assumptions = in.assumptions();
  s.assumptions.insert(s.assumptions.end(),
                       {k < choice.count, validPage(other, in.bitmap, in.iova + offset, in.paddr + offset, in.size - offset)});
  s.claim = other <= choice.pageSize;
  return s;
}

// The exchange step of "largest first is fewest": any other split's pages that start inside
// the chosen page's span [0, pg) are no larger than pg (pgsize-largest for the first; the rest
// are aligned inside an aligned span), so they end inside it and tile it; one pg page replaces
// them, never using more pages. Induction over what remains gives the fewest pages.
Statement largestFirstTiles(const Rules& rules) {
  const SplitInputs in;
  const Word offset = Word::variable("other_page_offset"), other = Word::variable("other_page");
  const auto choice = choose(in, rules, rules.mapPagesCount);
  Statement s;
  s.assumptions = in.assumptions();
  s.assumptions.insert(s.assumptions.end(),
                       {offset < choice.pageSize,
                        validPage(other, in.bitmap, in.iova + offset, in.paddr + offset, in.size - offset)});
  s.claim = offset + other <= choice.pageSize;
  return s;
}

// MAP_DMA's argument checks accept exactly the representable maps: non-empty, iova, vaddr
// and size multiples of max(host page, smallest IOMMU page), no wrap.
Statement vfioMapChecksExact(const Rules& rules) {
  const Word domain = Word::variable("domain_sizes"), host = Word::variable("host_page");
  const Word iova = Word::variable("iova"), vaddr = Word::variable("vaddr"), size = Word::variable("size");
  const Word smallest = Word::variable("smallest_page");
  const Word unit = select(host > smallest, host, smallest);
  Statement s;
  s.assumptions = isSmallestPage(smallest, domain);
  s.assumptions.push_back(host == Word(0x1000) || host == Word(0x4000) || host == Word(0x10000));
  const Truth representable = size != Word(0) && alignedTo(iova | vaddr | size, unit) &&
                              iova + (size - Word(1)) >= iova && vaddr + (size - Word(1)) >= vaddr;
  const Word user = impl::pagesize::userPageSizes(domain, host, rules.vfioBitmap);
  const Truth accepted = impl::pagesize::mapArgumentsValid(user, iova, vaddr, size);
  s.claim = implies(accepted, representable) && implies(representable, accepted);
  s.witnessBounds = {size <= Word(1ULL << 30), iova <= Word(1ULL << 40), vaddr <= Word(1ULL << 40)};
  s.witness = [=](const smt::Assignment& a) {
    const std::uint64_t hostPage = a.value(host);
    const std::uint32_t shift = hostPage == 0x1000 ? 12 : hostPage == 0x4000 ? 14 : 16;
    return dp::Scenario{{shift, {a.value(domain)}, true, 65535}, {dp::VfioMapOp{a.value(iova), a.value(vaddr), a.value(size)}}};
  };
  return s;
}

// UNMAP_DMA's v2 refusal for one existing vfio_dma, stated without the search: refuse when
// the mapping holds the request's first byte but starts before it, or holds its last byte but
// ends after it. Both sides have passed MAP_DMA's and UNMAP_DMA's checks: non-empty, aligned to
// the user unit (a power of two of at least 2 bytes), no wrap. `belowTop`: neither reaches the
// last byte of the 64-bit space.
Statement v2EdgeChecks(const Rules& rules, bool belowTop) {
  const Word unit = Word::variable("unit"), iova = Word::variable("iova"), size = Word::variable("size");
  const Word dmaIova = Word::variable("mapping_iova"), dmaSize = Word::variable("mapping_size");
  const Word last = iova + size - Word(1), dmaLast = dmaIova + dmaSize - Word(1);
  Statement s;
  s.assumptions = {isPowerOfTwo(unit), unit >= Word(2), size != Word(0), dmaSize != Word(0),
                   alignedTo(iova | size | dmaIova | dmaSize, unit), last >= iova, dmaLast >= dmaIova};
  if (belowTop) s.assumptions.insert(s.assumptions.end(), {last != Word(~0ULL), dmaLast != Word(~0ULL)});
  const Truth bisects = (dmaIova < iova && iova <= dmaLast) || (dmaIova <= last && last < dmaLast);
  const Word firstProbe(rules.v2ProbeSizeZero ? 0 : 1);
  const Truth refuses =
      impl::pagesize::v2RefusesBisection(iova, size, dmaIova, dmaSize, firstProbe, rules.searchByLastByte);
  s.claim = implies(refuses, bisects) && implies(bisects, refuses);
  s.witnessBounds = {unit == Word(0x1000), size <= Word(1ULL << 30), dmaSize <= Word(1ULL << 30)};
  s.witness = [=](const smt::Assignment& a) {  // a 4K host and IOMMU: the unit is the host page
    return dp::Scenario{{12, {0x1000}, true, 65535},
                        {dp::VfioMapOp{a.value(dmaIova), 0, a.value(dmaSize)}, dp::VfioUnmapOp{a.value(iova), a.value(size)}}};
  };
  return s;
}

Statement v2EdgeChecksBelowTop(const Rules& rules) { return v2EdgeChecks(rules, true); }
Statement v2EdgeChecksAnywhere(const Rules& rules) { return v2EdgeChecks(rules, false); }

// dma_map_page by a device behind an IOMMU with `granule` on a host with `hostPage`: the
// inputs the checker lets through (a buffer of 1 byte .. 4 GiB below 2^52, granules 4K .. 2^32).
struct GranuleInputs {
  Word granule = Word::variable("granule"), hostPage = Word::variable("host_page");
  Word phys = Word::variable("phys"), size = Word::variable("size");
  std::vector<Truth> assumptions() const {
    return {isPowerOfTwo(granule), granule >= Word(0x1000), granule <= Word(1ULL << 32),
            hostPage == Word(0x1000) || hostPage == Word(0x4000) || hostPage == Word(0x10000),
            size != Word(0), size <= Word(1ULL << 32), phys < Word(1ULL << 52), phys + size <= Word(1ULL << 52)};
  }
  dp::Scenario witness(const smt::Assignment& a, bool untrusted) const {
    const std::uint64_t host = a.value(hostPage);
    const std::uint32_t shift = host == 0x1000 ? 12 : host == 0x4000 ? 14 : 16;
    return dp::Scenario{{shift, {a.value(granule)}, true, 65535}, {dp::DeviceMapOp{a.value(phys), a.value(size), untrusted}}};
  }
};

impl::pagesize::GranuleMap<Word> mapThrough(const GranuleInputs& in, const Truth& untrusted, const Rules& rules) {
  return impl::pagesize::granuleMap(in.granule, in.hostPage, in.phys, in.size, untrusted, rules.granule);
}

// A translated map holds the buffer in whole granules and hands out the buffer's address.
Statement granuleMapCovers(const Rules& rules) {
  const GranuleInputs in;
  const Truth untrusted = Word::variable("untrusted") != Word(0);
  const auto m = mapThrough(in, untrusted, rules);
  Statement s;
  s.assumptions = in.assumptions();
  const Truth covers = m.phys <= in.phys && in.phys + in.size <= m.phys + m.length &&
                       alignedTo(m.phys | m.length, in.granule) && m.dma == m.iova + (in.phys - m.phys);
  s.claim = implies(m.outcome == Word(impl::pagesize::kGranuleMapped), covers) &&
            implies(m.outcome == Word(impl::pagesize::kGranuleBypass), m.dma == in.phys);
  return s;
}

// G-EXPOSE: an untrusted device reaches its buffer and nothing else: no bypass, and a
// translated map is not rounded (unaligned buffers are bounced or refused).
Statement granuleUntrustedUnexposed(const Rules& rules) {
  const GranuleInputs in;
  const auto m = mapThrough(in, smt::constant(true), rules);
  Statement s;
  s.assumptions = in.assumptions();
  s.claim = m.outcome != Word(impl::pagesize::kGranuleBypass) &&
            implies(m.outcome == Word(impl::pagesize::kGranuleMapped), m.length == in.size);
  s.witnessBounds = {in.granule <= Word(0x10000), in.size <= Word(0x100000), in.phys <= Word(1ULL << 32)};
  s.witness = [in](const smt::Assignment& a) { return in.witness(a, true); };
  return s;
}

}  // namespace

const std::vector<Theorem>& pagesizeTheorems() {
  static const std::vector<Theorem> theorems = {
      {"pgsize-valid", "P-SPLIT",
       "iommu_pgsize picks a page from the bitmap that divides iova and paddr and fits the size, and a count "
       "whose bytes fit too, for every 64-bit input __iommu_map lets through and every bitmap",
       {"PGSIZE-BIT63-WRAP"}, always, pgsizeValidAnyBitmap},
      {"pgsize-valid-real-bitmaps", "P-SPLIT",
       "the same for every bitmap without a 2^63-byte page (every real IOMMU)", {}, always, pgsizeValidRealBitmaps},
      {"pgsize-largest", "P-FEWEST",
       "no larger page could start there: the choice is the largest valid page (largest-first is what makes the "
       "split the fewest pages with power-of-two sizes)",
       {}, always, pgsizeLargest},
      {"count-pages-stay-largest", "P-FEWEST",
       "with map_pages' count, each of the counted pages is the largest valid page where it starts: one call "
       "maps exactly what one call per page would",
       {}, counted, countedPagesStayLargest},
      {"largest-first-tiles", "P-FEWEST",
       "every valid page of another split that starts inside the chosen page ends inside it: the chosen page "
       "replaces them, so largest-first uses the fewest pages (with induction on the rest)",
       {}, always, largestFirstTiles},
      {"vfio-map-checks-exact", "V-ACCEPT",
       "MAP_DMA's argument checks accept exactly the maps that are non-empty, multiples of max(host page, "
       "smallest IOMMU page) in iova, vaddr and size, and do not wrap",
       {"VFIO-SUBPAGE", "VFIO-RFC-SUBPAGE"}, always, vfioMapChecksExact},
      {"vfio-v2-edge-checks-exact", "V-UNMAP",
       "v2 UNMAP_DMA refuses exactly the requests that would bisect a mapping, for aligned requests and mappings "
       "below the top of the 64-bit space, with the 0-byte searches of every version: VFIO-FINDDMA-SIZE0 is harmless",
       {}, always, v2EdgeChecksBelowTop},
      {"vfio-v2-edge-checks-at-top", "V-UNMAP",
       "the same for mappings and requests that end at 2^64 (an IOVA range that reaches the last page)",
       {"VFIO-TOP-WRAP"}, always, v2EdgeChecksAnywhere},
      {"granule-map-covers", "G-COVER",
       "dma_map_page through an IOMMU of any granule from 4K to 4G on a 4K, 16K or 64K host translates whole "
       "granules that hold the buffer and hands out the buffer's own address (in bypass: its physical address)",
       {}, always, granuleMapCovers},
      {"granule-untrusted-unexposed", "G-EXPOSE",
       "an untrusted device reaches nothing beyond its buffer: never bypass, and every translated map is exactly "
       "the buffer (unaligned buffers are bounced or refused)",
       {"DMA-GRANULE-BYPASS", "GRANULE-UNTRUSTED-EXPOSED"}, always, granuleUntrustedUnexposed},
  };
  return theorems;
}

}  // namespace dmacheck::proofs::pagesize

namespace dmacheck::pagesize {

std::vector<PagesizeTarget::Proof> PagesizeTarget::prove(const ProofRequest& request) {
  return proofs::BugTheoremProver<PagesizeTarget>::run(request, proofs::pagesize::pagesizeTheorems());
}

}  // namespace dmacheck::pagesize
