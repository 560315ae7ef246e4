#include "kernel/tree_build.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "base/input_error.h"
#include "base/text_file.h"
#include "kernel/process.h"
#include "kernel/shim_gaps.h"

namespace dmacheck::kernel {

namespace fs = std::filesystem;

namespace {

int makefileNumber(const std::string& makefile, const std::string& key, const fs::path& tree) {
  std::smatch m;
  if (!std::regex_search(makefile, m, std::regex("(^|\\n)" + key + " = ([0-9]+)")))
    throw InputError(fmt::format("{}: its Makefile has no '{} = N' line: is this a Linux source tree?", tree.string(), key));
  return std::stoi(m[2]);
}

// Words separated by blanks: the compiler and flags of this build, or the tree's -D flags.
std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::vector<std::string> compilerCommand() {
  if (const char* cc = std::getenv("DMACHECK_KERNEL_CC")) return words(cc);
  return words(DMACHECK_KERNEL_CC);  // the C compiler of this build, with its sanitizer/coverage flags
}

// A path as a C string literal, for -DDMK_TREE_C (the harness #includes it).
std::string cString(const std::string& path) {
  std::string out = "\"";
  for (char c : path) out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return out + "\"";
}

// A recipe's flags as words: split at blanks outside double quotes (fileMacro's literals).
std::vector<std::string> flagWords(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  bool quoted = false, escaped = false, any = false;
  for (char c : text) {
    if (!quoted && (c == ' ' || c == '\t' || c == '\n')) {
      if (any) out.push_back(word);
      word.clear(), any = false;
      continue;
    }
    word += c, any = true;
    if (escaped)
      escaped = false;
    else if (c == '\\' && quoted)
      escaped = true;
    else if (c == '"')
      quoted = !quoted;
  }
  if (any) out.push_back(word);
  return out;
}

std::string firstLines(const std::string& text, int lines) {
  std::istringstream in(text);
  std::string out, line;
  for (int i = 0; i < lines && std::getline(in, line); ++i) out += line + "\n";
  return out;
}

// The newest of the files a harness is built from: the tree's (sources, headers, Makefile),
// our shims and the harness's folder (the harness and the headers it includes).
fs::file_time_type newestInput(const fs::path& tree, const TreeRecipe& files) {
  const fs::path source = DMACHECK_SOURCE_DIR;
  fs::file_time_type newest = fs::last_write_time(source / files.harness);
  for (const std::string& f : treeFilesFor(files))
    if (fs::is_regular_file(tree / f)) newest = std::max(newest, fs::last_write_time(tree / f));
  for (const fs::path& ours : {source / "kernel/shims", (source / files.harness).parent_path()})
    for (const auto& entry : fs::recursive_directory_iterator(ours))
      if (entry.is_regular_file()) newest = std::max(newest, entry.last_write_time());
  return newest;
}

}  // namespace

std::string fileMacro(const char* name, const fs::path& file) {
  return fmt::format(" -D{}={}", name, cString(file.string()));
}

std::vector<std::string> treeFilesFor(const TreeRecipe& recipe) {
  std::vector<std::string> all = {"Makefile"};
  for (const auto* list : {&recipe.sources, &recipe.headers, &recipe.optionalHeaders, &recipe.optionalSources})
    all.insert(all.end(), list->begin(), list->end());
  return all;
}

std::string TreeVersion::text() const { return fmt::format("{}.{}.{}", version, patchlevel, sublevel); }

TreeVersion TreeVersion::parse(const std::string& text) {
  TreeVersion v;
  std::sscanf(text.c_str(), "%d.%d.%d", &v.version, &v.patchlevel, &v.sublevel);
  return v;
}

TreeVersion readTreeVersion(const fs::path& tree) {
  const fs::path makefile = tree / "Makefile";
  if (!fs::is_regular_file(makefile))
    throw InputError(fmt::format("{}: no Makefile: give the top of a Linux source tree", tree.string()));
  const std::string text = readTextFile(makefile);
  return {makefileNumber(text, "VERSION", tree), makefileNumber(text, "PATCHLEVEL", tree),
          makefileNumber(text, "SUBLEVEL", tree)};
}

BuiltHarness buildHarness(const fs::path& givenTree, const TreeRecipe& files, const fs::path& buildDir) {
  const fs::path tree = fs::absolute(givenTree);  // the compiler's -D and error messages name it in full
  const std::string_view target = files.target;
  const TreeVersion v = readTreeVersion(tree);
  if (!v.atLeast(5, 10))
    throw InputError(fmt::format("{} is linux {}: dmacheck kernel builds trees from v5.10 on; older logic is the "
                                 "re-implemented variants (dmacheck list --target {}, e.g. linux-5.4)",
                                 tree.string(), v.text(), target));
  for (const auto& f : files.sources)
    if (!fs::is_regular_file(tree / f))
      throw InputError(fmt::format("{} lacks {} (needed for --target {})", tree.string(), f, target));
  const fs::path out = buildDir / fmt::format("{}-{}", target, v.text());
  fs::create_directories(out / "include/linux");
  for (const auto& h : files.headers)
    if (!fs::is_regular_file(tree / h))
      throw InputError(fmt::format("{} lacks {} (needed for --target {})", tree.string(), h, target));
  for (const auto* list : {&files.headers, &files.optionalHeaders})
    for (const auto& h : *list)
      if (fs::is_regular_file(tree / h))
        fs::copy_file(tree / h, out / "include/linux" / fs::path(h).filename(), fs::copy_options::overwrite_existing);
  const fs::path library = out / fmt::format("libdmacheck-{}.so", target);
  const fs::path source = DMACHECK_SOURCE_DIR;
  std::vector<std::string> argv = compilerCommand();
  for (const std::string& a : {"-std=gnu11", "-fPIC", "-shared", "-O1", "-g", "-Werror=implicit-function-declaration",
                               "-fno-strict-aliasing", "-fno-strict-overflow", "-fno-delete-null-pointer-checks"})
    argv.push_back(a);  // the kernel's own C dialect
  for (const fs::path& dir : {out / "include", source / "kernel/shims", source}) argv.push_back("-I" + dir.string());
  argv.push_back("-DDMK_TREE_C=" + cString((tree / files.sources[0]).string()));
  for (const std::string& flag : flagWords(files.featureFlags(tree, v))) argv.push_back(flag);
  argv.push_back((source / files.harness).string());
  argv.push_back((source / "kernel/shims/runtime.c").string());
  for (std::size_t i = 1; i < files.sources.size(); ++i) argv.push_back((tree / files.sources[i]).string());
  argv.insert(argv.end(), {"-o", library.string()});
  const std::string command = commandLine(argv);
  const fs::path stamp = out / "command.txt";
  if (fs::exists(library) && fs::exists(stamp) && readTextFile(stamp) == command &&
      fs::last_write_time(library) > newestInput(tree, files))
    return {library.string(), v, 0};
  const auto start = std::chrono::steady_clock::now();
  const auto [status, output] = runProcess(argv);
  if (status != 0) {
    const std::vector<ShimGap> gaps = findShimGaps(output, tree.string() + "/");
    const std::string gist = gaps.empty() ? "\n" : describeShimGaps(gaps) + "\n";
    throw InputError(fmt::format("building {} of linux {} against our shims failed: {}{}\ncommand: {}", files.sources[0],
                                 v.text(), gist, firstLines(output, gaps.empty() ? 20 : 8), command));
  }
  std::ofstream(stamp) << command;
  return {library.string(), v, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
}

}  // namespace dmacheck::kernel
