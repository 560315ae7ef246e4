#pragma once
// Runs a program with an argument vector, never through a shell, so paths with spaces,
// quotes or `$` reach it as they are. Used for the compiler and for git.
#include <string>
#include <vector>

namespace dmacheck::kernel {

struct ProcessResult {
  int status = 0;      // the exit status; 128 + N when killed by signal N
  std::string output;  // stdout and stderr, interleaved
};

// Runs argv[0] (looked up in PATH) with `argv`, in `workDir` if not empty. Throws
// InputError when it cannot be started at all.
ProcessResult runProcess(const std::vector<std::string>& argv, const std::string& workDir = "");

// The arguments as one line a shell would run the same way (for messages and stamps).
std::string commandLine(const std::vector<std::string>& argv);

}  // namespace dmacheck::kernel
