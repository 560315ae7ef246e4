#include "base/verify.h"

#include <cstdio>
#include <cstdlib>

namespace dmacheck {

void verifyFailed(const char* condition, const char* file, int line, const std::string& message) {
  std::fprintf(stderr, "dmacheck internal error: VERIFY(%s) failed at %s:%d: %s\n", condition,
               file, line, message.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace dmacheck
