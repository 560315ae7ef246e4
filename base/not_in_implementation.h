#pragma once
// NotInImplementation: a trace asks for an operation the implementation under test does not
// have (a kernel tree older than the call: v5.10's swiotlb.c has no swiotlb_alloc). Not a
// verdict and not bad input: `corpus` reports the trace as not applicable to that
// implementation, with this reason; other commands stop with it.
#include "base/input_error.h"

namespace dmacheck {

class NotInImplementation : public InputError {
 public:
  using InputError::InputError;
};

}  // namespace dmacheck
