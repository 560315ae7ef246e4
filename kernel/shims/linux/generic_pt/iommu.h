/* linux/generic_pt/iommu.h shim (v7.x): see linux/iommu.h. */
#pragma once
#include "dmacheck/dma_iommu_stubs.h"
