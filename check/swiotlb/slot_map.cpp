#include "check/swiotlb/slot_map.h"

#include <algorithm>

#include <fmt/format.h>

namespace dmacheck::swiotlb {

std::vector<std::string> renderSlotMap(const Config& config, const std::vector<SlotOwner>& owners,
                                       const Placement& focus, std::optional<std::uint64_t> pageShown) {
  const std::uint64_t slotsPerPage = std::max<std::uint64_t>(1, config.pool.pageSize / kSlotBytes);
  const std::uint64_t span = std::max<std::uint64_t>(slotsPerPage * 4, 16);
  std::uint64_t from = focus.firstSlot > span / 2 ? focus.firstSlot - span / 2 : 0;
  from -= (config.pool.start / kSlotBytes + from) % slotsPerPage;  // start at a page boundary
  std::uint64_t to = std::min<std::uint64_t>(config.pool.slots + 2, focus.firstSlot + focus.slotCount + span / 2);
  while ((config.pool.start / kSlotBytes + to) % slotsPerPage != 0) ++to;  // end on a page boundary

  std::string row = fmt::format("slot {:>6} ", from), marks(row.size(), ' ');
  for (std::uint64_t s = from; s < to; ++s) {
    if ((config.pool.start / kSlotBytes + s) % slotsPerPage == 0) row += '|', marks += ' ';
    char c = s >= config.pool.slots ? 'x' : '.';
    int holders = 0;
    for (std::size_t i = 0; i < owners.size(); ++i) {
      const Placement& p = owners[i].placement;
      if (s < p.firstSlot || s >= std::uint64_t{p.firstSlot} + p.slotCount) continue;
      ++holders;
      c = owners[i].current ? '*' : static_cast<char>('A' + i % 26);
    }
    if (holders > 1) c = '#';
    row += c;
    const std::uint64_t addr = config.pool.start + s * kSlotBytes;
    marks += pageShown && addr >= *pageShown && addr < *pageShown + config.pool.pageSize ? '^' : ' ';
  }
  row += '|';
  std::vector<std::string> lines = {row};
  if (pageShown) lines.push_back(marks + fmt::format("  page {:#x} handed to the caller", *pageShown));
  lines.push_back(fmt::format("{:>12}* = this step's allocation, A-Z = other live allocations (by live index), "
                              "# = held twice, . = free, x = past the pool end", ""));
  return lines;
}

}  // namespace dmacheck::swiotlb
