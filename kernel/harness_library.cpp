#include "kernel/harness_library.h"

#include <dlfcn.h>

#include <fmt/format.h>

#include "base/input_error.h"

namespace dmacheck::kernel {

void* openHarnessLibrary(const std::string& path) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) throw InputError(fmt::format("cannot load the kernel harness {}: {}", path, dlerror()));
  return handle;
}

void* harnessSymbol(void* handle, const std::string& path, const char* symbol) {
  void* address = dlsym(handle, symbol);
  if (!address)
    throw InputError(fmt::format("{}: no symbol '{}': rebuild it with `dmacheck kernel --src TREE --target ...`",
                                 path, symbol));
  return address;
}

}  // namespace dmacheck::kernel
