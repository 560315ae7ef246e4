#pragma once
// InputError: bad input from a user (trace file, corpus file, command-line value).
// The message names the rule that was broken and the offending value; where the input
// is a file, `line` says where (0 when the error is not tied to a line).
#include <stdexcept>
#include <string>

namespace dmacheck {

class InputError : public std::runtime_error {
 public:
  InputError(std::string rule, std::size_t line = 0)
      : std::runtime_error(line ? "line " + std::to_string(line) + ": " + rule : rule),
        line_(line) {}
  std::size_t line() const { return line_; }

 private:
  std::size_t line_;
};

}  // namespace dmacheck
