/* trace/events/swiotlb.h shim: tracing is off (dmacheck/boot_stubs.h). */
#pragma once
#include "dmacheck/kernel.h"
