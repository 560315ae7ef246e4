#pragma once
// Where a kernel tree's files come from: a source directory, or a revision of a git
// repository, read with `git show` (no checkout, the repository is never touched) into a
// scratch directory holding just the files the harness reads; either with a patch applied
// to a scratch copy of those files (the tree itself is never written).
#include <filesystem>
#include <string>
#include <vector>

namespace dmacheck::kernel {

struct TreeSource {
  std::string src;  // a directory: used as it is
  std::string git;  // or a repository ...
  std::string rev;  // ... and a revision of it (a commit id, tag, branch, HEAD~3)
  std::string patch;  // a patch (git diff or diff -u, -p1) to apply to a copy, or empty
};

// The commit `rev` names in `git`, in full; InputError when it names none.
std::string resolveCommit(const std::string& git, const std::string& rev);

// A directory holding `files` of the source: src itself, or for a git revision
// <scratch>/git-<commit>/ (a file the revision lacks is left out, for the build to name; a
// file is rewritten only when its text changed, so an up-to-date harness is reused); with a
// patch, <scratch>/patched-<hash>/ with the patch's hunks for those files applied (hunks for
// other files are left out). InputError when the patch does not apply.
std::filesystem::path materializeTree(const TreeSource& source, const std::vector<std::string>& files,
                                      const std::filesystem::path& scratch);

}  // namespace dmacheck::kernel
