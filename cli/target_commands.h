#pragma once
// Commands that only one target has (cli/T/*_command.cpp, e.g. iova's `workload`): each
// such file registers its command here at start-up, so that main.cpp and the rest of the
// CLI never name the target.
#include <vector>

#include "cli/command.h"

namespace dmacheck::cli {

using AddCommand = Command (*)(CLI::App& root);

// Call from a namespace-scope initialiser: `const bool registered = registerTargetCommand(f);`
bool registerTargetCommand(AddCommand add);
std::vector<AddCommand>& targetCommands();

}  // namespace dmacheck::cli
