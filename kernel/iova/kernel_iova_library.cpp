#include "kernel/iova/kernel_iova_library.h"

#include <dlfcn.h>

#include <fmt/format.h>

#include "check/input_error.h"

namespace dmacheck::kernel {

namespace {

template <class F>
void lookUp(void* handle, const std::string& path, const char* name, F& into) {
  into = reinterpret_cast<F>(dlsym(handle, name));
  if (!into) throw InputError(fmt::format("{}: no symbol '{}': rebuild it with `dmacheck kernel build`", path, name));
}

}  // namespace

KernelIovaLibrary KernelIovaLibrary::open(const std::string& path, const std::string& version) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) throw InputError(fmt::format("cannot load the kernel harness {}: {}", path, dlerror()));
  KernelIovaLibrary lib;
  lib.path = path;
  lib.version = version;
#define DMACHECK_KERNEL_LOOK_UP(member, symbol) lookUp(handle, path, #symbol, lib.member);
  DMACHECK_KERNEL_IOVA_FUNCTIONS(DMACHECK_KERNEL_LOOK_UP)
#undef DMACHECK_KERNEL_LOOK_UP
  return lib;  // the handle stays open for the life of the process
}

}  // namespace dmacheck::kernel
