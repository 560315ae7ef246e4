#pragma once
// The machine-readable result of a command (--json): one JSON object on stdout, the same
// frame for every command (docs/json.md): {"schema": "dmacheck-result/1", "command": ...}.
// The exit code is the same as without --json.
#include <string>

#include <nlohmann/json.hpp>

#include "check/violation.h"

namespace dmacheck::cli {

inline constexpr const char* kResultSchema = "dmacheck-result/1";

inline nlohmann::json resultFrame(const std::string& command) {
  return {{"schema", kResultSchema}, {"command", command}};
}

inline nlohmann::json violationJson(const Violation& v) {
  return {{"invariant", v.invariant}, {"step", v.step}, {"detail", v.detail}};
}

}  // namespace dmacheck::cli
