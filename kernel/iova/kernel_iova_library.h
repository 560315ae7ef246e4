#pragma once
// A shared library that `dmacheck kernel` built from a tree's iova.c (and, v5.17 on, its
// dma-iommu.c above it) and our harness (kernel/iova/harness.c): opened once, its C functions looked up by name.
#include <string>

#include "kernel/harness_library.h"
#include "kernel/iova/harness_abi.h"

namespace dmacheck::kernel {

// Every function of the harness's C interface: member name, symbol.
#define DMACHECK_KERNEL_IOVA_FUNCTIONS(X)                                                                            \
  X(create, dmk_iova_create)                                                                                         \
  X(destroy, dmk_iova_destroy) X(alloc, dmk_iova_alloc) X(free, dmk_iova_free) X(reserve, dmk_iova_reserve)          \
      X(cpuDead, dmk_iova_cpu_dead) X(flushCaches, dmk_iova_flush_caches) X(clock, dmk_iova_clock)                   \
          X(busy, dmk_iova_busy) X(cached, dmk_iova_cached) X(bug, dmk_iova_bug) X(log, dmk_iova_log)                \
              X(hasFlushQueue, dmk_iova_has_flush_queue) X(fqStart, dmk_iova_fq_start) X(fqQueue, dmk_iova_fq_queue) \
                  X(fqDrain, dmk_iova_fq_drain) X(fqQueued, dmk_iova_fq_queued) X(dmaLayer, dmk_iova_dma_layer)      \
                      X(dmaMap, dmk_iova_dma_map) X(dmaUnmap, dmk_iova_dma_unmap)                                    \
                          X(dmaSwitchLazy, dmk_iova_dma_switch_lazy)

DMACHECK_HARNESS_LIBRARY(KernelIovaLibrary, DMACHECK_KERNEL_IOVA_FUNCTIONS);

}  // namespace dmacheck::kernel
