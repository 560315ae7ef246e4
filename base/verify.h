#pragma once
// VERIFY: the project's check macro. Unlike assert() it never compiles out (no NDEBUG
// dependence), so every oracle and every harness sanity check runs in every build.
// A failed VERIFY is a bug in dmacheck itself (or a broken precondition of an internal
// call); violations by the allocator under test are verdicts, never VERIFY failures.
#include <string>

#include <fmt/format.h>

namespace dmacheck {

[[noreturn]] void verifyFailed(const char* condition, const char* file, int line,
                               const std::string& message);

}  // namespace dmacheck

#define VERIFY(condition, ...)                                                         \
  do {                                                                                 \
    if (!(condition)) [[unlikely]]                                                     \
      ::dmacheck::verifyFailed(#condition, __FILE__, __LINE__, fmt::format(__VA_ARGS__)); \
  } while (0)
