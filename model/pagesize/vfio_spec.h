#pragma once
// THE SPEC of VFIO type1 map and unmap (dmacheck's reference model). Slow and plain on
// purpose: the mappings are a list; every rule is stated directly from docs/pagesize.md and
// the page-size rule below. It shares no helper with impl/: one bug cannot hit both.
//
// * The unit of a map is the larger of the host page (pinning, accounting and isolation
//   work in host pages) and the smallest IOMMU page every attached domain supports. A map
//   is representable when size > 0 and iova, vaddr and size are multiples of the unit (the
//   user's memory is taken as physically contiguous: paddr = vaddr). (Domains that share no
//   page size are not a valid configuration: config_rules.h.)
// * MAP_DMA, in the kernel's order: not representable -EINVAL; iova or vaddr range wraps
//   -EINVAL; overlaps a mapping -EEXIST; dma_entry_limit mappings exist -ENOSPC; else mapped.
// * UNMAP_DMA: FLAG_ALL needs iova = size = 0 and removes everything. Otherwise iova and size
//   must be unit multiples, size > 0, no wrap (-EINVAL). v2 may not bisect a mapping (-EINVAL)
//   and removes every mapping inside the range. v1 removes, whole, the mappings that start
//   inside the range; when a mapping that starts before the range overlaps it, the kernel's
//   tree search may stop early, so any subset of them may go. The result is the bytes removed.
// * Accounting: every host page under some mapping is pinned and counted once.
#include <optional>
#include <string>
#include <vector>

#include "model/pagesize/api.h"

namespace dmacheck::pagesize::model {

class VfioSpec {
 public:
  explicit VfioSpec(const VfioConfig& config);

  std::uint64_t unit() const { return unit_; }

  // The one answer MAP_DMA may give, and the mapping when it succeeds.
  Errno expectMap(const VfioMap& request) const;
  void recordMap(const VfioMap& request);

  // Whether the implementation's answer to UNMAP_DMA is allowed, given the mappings it
  // kept; updates the model to them when it is. The first problem otherwise.
  std::optional<std::string> judgeUnmap(const VfioUnmap& request, const VfioUnmapResult& result,
                                        const std::vector<VfioMapping>& remaining);

  const std::vector<VfioMapping>& mappings() const { return mappings_; }
  std::uint64_t pinnedHostPages() const;  // distinct host pages under the mappings

 private:
  std::optional<std::string> judgeRangeUnmap(const VfioUnmap& request, const VfioUnmapResult& result,
                                             const std::vector<VfioMapping>& remaining) const;
  bool aligned(std::uint64_t value) const { return value % unit_ == 0; }

  VfioConfig config_;
  std::uint64_t hostPage_;
  std::uint64_t unit_;
  std::vector<VfioMapping> mappings_;  // sorted by iova
};

}  // namespace dmacheck::pagesize::model
