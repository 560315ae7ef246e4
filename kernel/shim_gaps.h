#pragma once
// What a tree's code needs that our shims do not provide, read from the compiler's errors:
// "kernel/dma/swiotlb.c:877 uses arch_sync_dma_flush (a function)". A kernel developer with a
// newer tree gets the symbols to add and where, not twenty lines of compiler output.
#include <string>
#include <vector>

namespace dmacheck::kernel {

struct ShimGap {
  std::string symbol;  // "arch_sync_dma_flush", or "reserved_mem_ops.node_init"
  std::string kind;    // "function", "identifier", "type", "field"
  std::string where;   // "kernel/dma/swiotlb.c:877", relative to the tree when it is in it
};

// Every distinct gap in clang's output, in the order of first use; empty when the errors
// are not about missing symbols (a shim that no longer fits, say).
std::vector<ShimGap> findShimGaps(const std::string& compilerOutput, const std::string& treePrefix);

// One line: "this tree uses X (a function, at F:L), Y (...), which the shims do not provide:
// add them to kernel/shims/dmacheck/ (...)".
std::string describeShimGaps(const std::vector<ShimGap>& gaps);

}  // namespace dmacheck::kernel
