#pragma once
// A whole file as text ("" when it cannot be read: callers check existence first when it matters).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace dmacheck {

inline std::string readTextFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace dmacheck
