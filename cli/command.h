#pragma once
// One subcommand of `dmacheck`: its CLI11 registration and what runs after parsing.
// Exit codes shared by every command:
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "base/shell_quoted.h"

namespace dmacheck::cli {

inline constexpr const char* kDmacheckVersion = "0.16";

inline constexpr int kExitOk = 0;          // everything held / matched
inline constexpr int kExitViolation = 1;   // an invariant was violated (a finding)
inline constexpr int kExitBadInput = 2;    // bad arguments, malformed trace or corpus file
inline constexpr int kExitMismatch = 3;    // corpus or zoo verdicts differ from what is expected
inline constexpr int kExitUntestable = 125; // dmacheck kernel: the tree cannot be built or tested (git bisect skip)

struct Command {
  CLI::App* app;
  std::function<int()> run;
};

Command addListCommand(CLI::App& root);
Command addCheckCommand(CLI::App& root);
Command addReplayCommand(CLI::App& root);
Command addCorpusCommand(CLI::App& root);
Command addZooCommand(CLI::App& root);
Command addFuzzCommand(CLI::App& root);
Command addProveCommand(CLI::App& root);
Command addKernelCommand(CLI::App& root);
Command addBisectCommand(CLI::App& root);
Command addReportCommand(CLI::App& root);

// Shared helpers for commands.
void requireKnownTarget(const std::string& target);
std::string targetNames();
// A seed: decimal digits only, at most 2^64-1 ("-1" and 2^64 are refused, not wrapped).
CLI::Validator seedValidator();  // the registry's names, comma-separated, for --help
std::vector<std::string> invariantIds();  // for validating --hunt
// How a printed command line starts, so that it runs as printed: this binary's real path,
// or under `dmacheck kernel` the command that rebuilds and reloads the same tree
// ("/path/dmacheck kernel --src TREE --target T [--build-dir DIR]").
std::string commandPrefix();
std::string selfPath();                             // this binary's real path
inline constexpr const char* kKernelCommandEnv = "DMACHECK_KERNEL_COMMAND";

}  // namespace dmacheck::cli
