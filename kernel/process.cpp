#include "kernel/process.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "base/input_error.h"
#include "base/shell_quoted.h"

namespace dmacheck::kernel {

std::string commandLine(const std::vector<std::string>& argv) {
  std::string out;
  for (const std::string& a : argv) out += (out.empty() ? "" : " ") + shellQuoted(a);
  return out;
}

ProcessResult runProcess(const std::vector<std::string>& argv, const std::string& workDir) {
  int pipeFds[2];
  if (argv.empty() || pipe(pipeFds) != 0)
    throw InputError(fmt::format("cannot run {}: {}", commandLine(argv), std::strerror(errno)));
  const pid_t pid = fork();
  if (pid < 0) throw InputError(fmt::format("cannot run {}: {}", commandLine(argv), std::strerror(errno)));
  if (pid == 0) {  // the child: output to the pipe, then the program
    dup2(pipeFds[1], STDOUT_FILENO);
    dup2(pipeFds[1], STDERR_FILENO);
    close(pipeFds[0]);
    close(pipeFds[1]);
    if (!workDir.empty() && chdir(workDir.c_str()) != 0) _exit(127);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    dprintf(STDERR_FILENO, "cannot run %s: %s\n", args[0], std::strerror(errno));
    _exit(127);
  }
  close(pipeFds[1]);
  ProcessResult result;
  char buffer[4096];
  for (ssize_t n; (n = read(pipeFds[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    result.output.append(buffer, static_cast<std::size_t>(n));
  }
  close(pipeFds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace dmacheck::kernel
