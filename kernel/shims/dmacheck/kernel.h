/* Every kind of shim together: what every shim under linux/ includes. */
#pragma once
#include "dmacheck/customised.h"
#include "dmacheck/dma.h"
