/* asm/dma.h shim: all of dmacheck/duplicated.h, stubbed.h and customised.h (see kernel/README.md). */
#pragma once
#include "dmacheck/kernel.h"
