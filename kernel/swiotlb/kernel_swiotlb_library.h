#pragma once
// A shared library that `dmacheck kernel` built from a tree's kernel/dma/swiotlb.c and our
// harness (kernel/swiotlb/harness.c): opened once, its C functions looked up by name.
#include <string>

#include "kernel/harness_library.h"
#include "kernel/swiotlb/harness_abi.h"

namespace dmacheck::kernel {

// Every function of the harness's C interface: member name, symbol.
#define DMACHECK_KERNEL_SWIOTLB_FUNCTIONS(X)                                                       \
  X(create, dmk_swiotlb_create) X(destroy, dmk_swiotlb_destroy) X(map, dmk_swiotlb_map)            \
  X(alloc, dmk_swiotlb_alloc) X(unmap, dmk_swiotlb_unmap) X(free, dmk_swiotlb_free)                \
  X(sync, dmk_swiotlb_sync) X(maxMappingSize, dmk_swiotlb_max_mapping_size)                        \
  X(layout, dmk_swiotlb_get_layout) X(copies, dmk_swiotlb_copies) X(bug, dmk_swiotlb_bug)        \
  X(log, dmk_swiotlb_log) X(hasAlloc, dmk_swiotlb_has_alloc)

DMACHECK_HARNESS_LIBRARY(KernelSwiotlbLibrary, DMACHECK_KERNEL_SWIOTLB_FUNCTIONS);

}  // namespace dmacheck::kernel
