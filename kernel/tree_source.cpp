#include "kernel/tree_source.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "base/input_error.h"
#include "kernel/process.h"

namespace dmacheck::kernel {

namespace fs = std::filesystem;

namespace {

std::string readText(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void writeIfChanged(const fs::path& p, const std::string& text) {
  if (fs::is_regular_file(p) && readText(p) == text) return;
  fs::create_directories(p.parent_path());
  const fs::path partial = p.string() + ".partial";  // a kill never leaves half a file behind
  {
    std::ofstream out(partial, std::ios::binary);
    out << text;
    if (!out.flush()) throw InputError(fmt::format("cannot write {} (disk full?)", partial.string()));
  }
  fs::rename(partial, p);
}

}  // namespace

std::string resolveCommit(const std::string& git, const std::string& rev) {
  if (!fs::is_directory(git)) throw InputError(fmt::format("--git {}: no such directory", git));
  const ProcessResult r = runProcess({"git", "-C", git, "rev-parse", "--verify", "--quiet", rev + "^{commit}"});
  std::string commit = r.output.substr(0, r.output.find('\n'));
  if (r.status != 0 || commit.size() != 40)
    throw InputError(fmt::format("--git {} --rev {}: names no commit of that repository", git, rev));
  return commit;
}

fs::path materializeTree(const TreeSource& source, const std::vector<std::string>& files, const fs::path& scratch) {
  if (source.git.empty()) return source.src;
  if (source.rev.empty()) throw InputError("--git needs --rev REV (the revision to build)");
  const std::string commit = resolveCommit(source.git, source.rev);
  const fs::path dir = scratch / ("git-" + commit.substr(0, 12));
  for (const std::string& f : files) {
    const ProcessResult shown = runProcess({"git", "-C", source.git, "show", commit + ":" + f});
    if (shown.status == 0) writeIfChanged(dir / f, shown.output);
    else fs::remove(dir / f);  // absent at this revision: the build names what is missing
  }
  return dir;
}

}  // namespace dmacheck::kernel
