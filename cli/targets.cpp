#include <charconv>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "base/input_error.h"
#include "cli/command.h"
#include "targets/registry.h"

namespace dmacheck::cli {

std::vector<std::string> invariantIds() {
  std::vector<std::string> ids;
  AllTargets::forEach([&]<class T>() {
    for (const auto& id : T::invariantIds()) ids.push_back(id);
  });
  return ids;
}

std::string selfPath() {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::string("dmacheck") : self.string();
}

std::string commandPrefix() {
  const char* kernel = std::getenv(kKernelCommandEnv);
  return kernel ? kernel : shellQuoted(selfPath());
}

void requireKnownTarget(const std::string& target) {
  if (!AllTargets::contains(target)) throw AllTargets::unknownTarget(target);
}

std::string targetNames() { return AllTargets::namesText(); }

CLI::Validator seedValidator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
          return fmt::format("a seed is decimal digits, not '{}'", text);
        std::uint64_t value = 0;
        if (std::from_chars(text.data(), text.data() + text.size(), value).ec != std::errc())
          return fmt::format("seed {} is above 2^64-1", text);
        return "";
      },
      "SEED");
}

}  // namespace dmacheck::cli
