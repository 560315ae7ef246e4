#pragma once
// A word quoted for a POSIX shell where it needs it: for commands printed to be run as
// printed (rerun and replay lines, stamps of the compiler's argument vector).
#include <string>

namespace dmacheck {

inline std::string shellQuoted(const std::string& word) {
  if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,+@%") ==
                           std::string::npos)
    return word;
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace dmacheck
