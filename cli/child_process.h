#pragma once
// A child process whose merged stdout/stderr is read line by line (used to drive libFuzzer).
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace dmacheck::cli {

struct ChildResult {
  int exitCode = 0;  // or 128 + signal
  int signal = 0;    // the signal that killed it, 0 when it exited
};

// Runs `argv` with extra environment variables; calls `onLine` for every output line and
// `onTick` once a second (whatever the child prints). When `onTick` returns true the child is sent SIGINT (which
// libFuzzer handles by stopping cleanly). Returns when the child exits.
ChildResult runChild(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                     const std::function<void(const std::string&)>& onLine, const std::function<bool()>& onTick);

}  // namespace dmacheck::cli
