/* linux/pci.h shim: the IOMMU API and what dma-iommu.c names but the harness never reaches (dmacheck/iommu.h,
 * dmacheck/dma_iommu_stubs.h). */
#pragma once
#include "dmacheck/dma_iommu_stubs.h"
