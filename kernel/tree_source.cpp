#include "kernel/tree_source.h"

#include <fstream>
#include <functional>
#include <sstream>

#include <fmt/format.h>

#include "base/input_error.h"
#include "base/text_file.h"
#include "kernel/process.h"

namespace dmacheck::kernel {

namespace fs = std::filesystem;

namespace {

void writeIfChanged(const fs::path& p, const std::string& text) {
  if (fs::is_regular_file(p) && readTextFile(p) == text) return;
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

namespace {

fs::path unpatchedTree(const TreeSource& source, const std::vector<std::string>& files, const fs::path& scratch) {
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

// The copy is a git repository of its own, so that `git apply` works on it alone.
fs::path patchedTree(const fs::path& tree, const std::string& patchFile, const std::vector<std::string>& files,
                     const fs::path& scratch) {
  if (!fs::is_regular_file(patchFile)) throw InputError(fmt::format("--patch {}: no such file", patchFile));
  const std::string patch = readTextFile(patchFile);
  const fs::path dir =
      scratch / fmt::format("patched-{:016x}", std::hash<std::string>{}(fs::absolute(tree).string() + '\0' + patch));
  fs::remove_all(dir);
  for (const std::string& f : files)
    if (fs::is_regular_file(tree / f)) writeIfChanged(dir / f, readTextFile(tree / f));
  std::vector<std::string> apply = {"git", "-C", dir.string(), "apply", "--whitespace=nowarn"};
  for (const std::string& f : files) apply.push_back("--include=" + f);
  apply.push_back(fs::absolute(patchFile).string());
  if (const ProcessResult init = runProcess({"git", "-C", dir.string(), "init", "-q"}); init.status != 0)
    throw InputError(fmt::format("cannot make a scratch copy in {}: {}", dir.string(), init.output));
  if (const ProcessResult r = runProcess(apply); r.status != 0) {
    fs::remove_all(dir);
    throw InputError(fmt::format("--patch {} does not apply to {}: {}", patchFile, tree.string(), r.output));
  }
  return dir;
}

}  // namespace

fs::path materializeTree(const TreeSource& source, const std::vector<std::string>& files, const fs::path& scratch) {
  const fs::path tree = unpatchedTree(source, files, scratch);
  return source.patch.empty() ? tree : patchedTree(tree, source.patch, files, scratch);
}

}  // namespace dmacheck::kernel
