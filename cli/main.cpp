// dmacheck: finds, explains and disproves bugs in DMA/IOMMU address allocators.
// Entry point: parses the command line and hands over to one subcommand (cli/*_command.cpp).
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "base/input_error.h"
#include "check/trace_document.h"
#include "cli/command.h"
#include "cli/target_commands.h"

int main(int argc, char** argv) {
  using namespace dmacheck::cli;
  CLI::App app{"dmacheck: checks DMA/IOMMU address allocators against an executable reference model.\n"
               "Exit codes: 0 holds, 1 invariant violated, 2 bad input, 3 verdicts differ from expectations."};
  app.require_subcommand(1);
  app.set_version_flag("--version", fmt::format("dmacheck {} (trace format v{})", kDmacheckVersion, dmacheck::kTraceFormatVersion));
  app.option_defaults()->always_capture_default();  // --help shows every option's default
  app.set_help_all_flag("--help-all", "Show help for every subcommand");
  std::vector<Command> commands = {addListCommand(app), addCheckCommand(app), addReplayCommand(app),
                                   addCorpusCommand(app), addZooCommand(app), addFuzzCommand(app),
                                   addProveCommand(app), addKernelCommand(app), addBisectCommand(app),
                                   addReportCommand(app)};
  for (AddCommand add : targetCommands()) commands.push_back(add(app));
  std::string known;
  bool isCommand = false;
  for (const Command& c : commands) {
    known += (known.empty() ? "" : ", ") + c.app->get_name();
    isCommand = isCommand || (argc > 1 && c.app->get_name() == argv[1]);
  }
  if (argc > 1 && argv[1][0] != '-' && !isCommand) {
    std::fprintf(stderr, "dmacheck: error: unknown command '%s' (commands: %s)\n", argv[1], known.c_str());
    return kExitBadInput;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "dmacheck: error: %s\nRun 'dmacheck --help' (or 'dmacheck <command> --help') for usage.\n",
                 e.what());
    return kExitBadInput;
  }
  try {
    for (const Command& c : commands)
      if (c.app->parsed()) return c.run();
  } catch (const dmacheck::InputError& e) {
    std::fprintf(stderr, "dmacheck: error: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::filesystem::filesystem_error& e) {  // an output path that cannot be made or written
    std::fprintf(stderr, "dmacheck: error: %s\n", e.what());
    return kExitBadInput;
  }
  return kExitBadInput;
}

namespace dmacheck::cli {

std::vector<AddCommand>& targetCommands() {
  static std::vector<AddCommand> commands;  // filled before main() by cli/T/ files
  return commands;
}

bool registerTargetCommand(AddCommand add) {
  targetCommands().push_back(add);
  return true;
}

}  // namespace dmacheck::cli
