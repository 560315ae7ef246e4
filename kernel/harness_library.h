#pragma once
// Opening a shared library that `dmacheck kernel` built (kernel/tree_build.h) and looking
// up its C functions by name; each target's library lists its functions with an X-macro.
#include <string>

namespace dmacheck::kernel {

// dlopen()s `path` for the life of the process; throws InputError naming it on failure.
void* openHarnessLibrary(const std::string& path);
// The address of `symbol`; throws InputError naming the library and the symbol.
void* harnessSymbol(void* handle, const std::string& path, const char* symbol);

template <class F>
void lookUp(void* handle, const std::string& path, const char* symbol, F& into) {
  into = reinterpret_cast<F>(harnessSymbol(handle, path, symbol));
}

// A struct `Name` with a member per function FUNCTIONS lists (X(member, symbol) ...), and
// `Name::open(path, version)`, which loads the library and fills them in; InputError names
// the library and any missing symbol. The library stays loaded for the life of the process.
#define DMACHECK_HARNESS_MEMBER(member, symbol) decltype(&symbol) member = nullptr;
#define DMACHECK_HARNESS_LOOK_UP(member, symbol) ::dmacheck::kernel::lookUp(handle, path, #symbol, lib.member);
#define DMACHECK_HARNESS_LIBRARY(Name, FUNCTIONS)                                   \
  struct Name {                                                                     \
    std::string path;                                                               \
    std::string version; /* the tree's, e.g. "6.12.117" */                          \
    FUNCTIONS(DMACHECK_HARNESS_MEMBER)                                              \
    static Name open(const std::string& path, const std::string& version) {         \
      void* handle = ::dmacheck::kernel::openHarnessLibrary(path);                  \
      Name lib;                                                                     \
      lib.path = path;                                                              \
      lib.version = version;                                                        \
      FUNCTIONS(DMACHECK_HARNESS_LOOK_UP)                                           \
      return lib;                                                                   \
    }                                                                               \
  }

}  // namespace dmacheck::kernel
