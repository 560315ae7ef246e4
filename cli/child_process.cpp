#include "cli/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "base/input_error.h"

namespace dmacheck::cli {

ChildResult runChild(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                     const std::function<void(const std::string&)>& onLine, const std::function<bool()>& onTick) {
  int pipeFds[2];
  if (pipe(pipeFds) != 0) throw InputError(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
  const pid_t pid = fork();
  if (pid < 0) throw InputError(fmt::format("cannot start {}: {}", argv[0], std::strerror(errno)));
  if (pid == 0) {
    dup2(pipeFds[1], STDOUT_FILENO);
    dup2(pipeFds[1], STDERR_FILENO);
    close(pipeFds[0]);
    close(pipeFds[1]);
    for (const auto& [key, value] : env) setenv(key.c_str(), value.c_str(), 1);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    std::fprintf(stderr, "cannot run %s: %s\n", args[0], std::strerror(errno));
    _exit(127);
  }
  close(pipeFds[1]);
  std::string pending;
  char buffer[4096];
  bool stopSent = false;
  // onTick once a second, whether the child is silent or prints all the time.
  auto nextTick = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  for (;;) {
    if (std::chrono::steady_clock::now() >= nextTick) {
      nextTick += std::chrono::seconds(1);
      bool stop = false;
      try {
        stop = onTick();
      } catch (...) {  // the caller gives up (a full disk, say): the child must not outlive it
        kill(pid, SIGKILL);
        close(pipeFds[0]);
        while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
        }
        throw;
      }
      if (stop && !stopSent) kill(pid, SIGINT), stopSent = true;
    }
    pollfd p{pipeFds[0], POLLIN, 0};
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(nextTick - std::chrono::steady_clock::now());
    const int ready = poll(&p, 1, static_cast<int>(std::max<long>(0, wait.count())));
    if (ready == 0 || (ready < 0 && errno == EINTR)) continue;
    const ssize_t n = read(pipeFds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    pending.append(buffer, static_cast<std::size_t>(n));
    for (std::size_t eol; (eol = pending.find_first_of("\r\n")) != std::string::npos;) {
      onLine(pending.substr(0, eol));
      pending.erase(0, eol + 1);
    }
  }
  close(pipeFds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  onTick();
  if (WIFSIGNALED(status)) return {128 + WTERMSIG(status), WTERMSIG(status)};
  return {WEXITSTATUS(status), 0};
}

}  // namespace dmacheck::cli
