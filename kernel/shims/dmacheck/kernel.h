/* The three kinds of shim together: what every shim under linux/ includes. */
#pragma once
#include "dmacheck/customised.h"
