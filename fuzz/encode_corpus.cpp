// encode_corpus TRACES_DIR OUT_DIR: writes each *.trace of TRACES_DIR as a fuzzer input
// (its target's byte codec, by the trace's target line) named <trace>.bin in OUT_DIR, so the
// regression corpus seeds campaigns and ClusterFuzzLite's <target>_seed_corpus.zip. Needs no
// RapidCheck, so fuzzing builds (OSS-Fuzz images) can run it.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "base/input_error.h"
#include "targets/registry.h"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  if (argc != 3) {
    std::fprintf(stderr, "usage: encode_corpus TRACES_DIR OUT_DIR\n");
    return 2;
  }
  fs::create_directories(argv[2]);
  int written = 0;
  for (const auto& entry : fs::directory_iterator(argv[1])) {
    if (entry.path().extension() != ".trace") continue;
    try {
      using namespace dmacheck;
      const auto doc = parseTraceDocument(readFile(entry.path().string()));
      const auto bytes =
          AllTargets::with(doc.target, [&]<class T>() { return T::encode(readTraceLines<typename T::Syntax>(doc)); });
      const fs::path out = fs::path(argv[2]) / (entry.path().stem().string() + ".bin");
      std::ofstream(out.string() + ".tmp", std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                                  static_cast<std::streamsize>(bytes.size()));
      fs::rename(out.string() + ".tmp", out);
      ++written;
    } catch (const dmacheck::InputError& e) {
      std::fprintf(stderr, "encode_corpus: %s: %s\n", entry.path().c_str(), e.what());
      return 2;
    }
  }
  std::printf("encode_corpus: %d traces written to %s\n", written, argv[2]);
  return 0;
}
