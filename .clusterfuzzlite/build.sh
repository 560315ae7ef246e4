#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz build: honours $CC $CXX $CFLAGS $CXXFLAGS $LIB_FUZZING_ENGINE $OUT
# (and $SRC, $WORK when set by the builder image). Produces, per target, the binary,
# <target>_seed_corpus.zip, <target>.dict and <target>.options in $OUT.
src=${SRC:-$(cd "$(dirname "$0")/.." && pwd)}
[[ -d $src/dmacheck ]] && src=$src/dmacheck   # inside the OSS-Fuzz image the project is $SRC/dmacheck
work=${WORK:-$(mktemp -d)}
build=$work/dmacheck-build

cmake -S "$src" -B "$build" -G Ninja \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
  -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDMACHECK_TESTS=OFF -DDMACHECK_FUZZ=ON -DDMACHECK_FUZZ_ONLY=ON \
  -DDMACHECK_FUZZ_INSTRUMENT=OFF -DDMACHECK_FUZZING_ENGINE="$LIB_FUZZING_ENGINE"
# The targets: the one CMake list (cmake/targets.cmake).
targets=($(sed -n 's/^set(DMACHECK_TARGETS \(.*\))$/\1/p' "$src/cmake/targets.cmake"))
cmake --build "$build" --target "${targets[@]/%/_fuzz}" trace_parser_fuzz encode_corpus

mkdir -p "$OUT"
cp "$build/fuzz/trace_parser_fuzz" "$OUT/"
printf '[libfuzzer]\nmax_len = 4096\n' > "$OUT/trace_parser_fuzz.options"
# Per target: the binary, the regression traces encoded as its seed corpus, its options and
# the byte codec's dictionary where it has one.
for target in "${targets[@]}"; do
  cp "$build/fuzz/${target}_fuzz" "$OUT/"
  "$build/fuzz/encode_corpus" "$src/corpus/$target" "$work/$target-seeds"
  (cd "$work/$target-seeds" && cmake -E tar cf "$OUT/${target}_fuzz_seed_corpus.zip" --format=zip -- *)
  if [[ -f $build/fuzz/${target}_fuzz.dict ]]; then
    cp "$build/fuzz/${target}_fuzz.dict" "$OUT/"
    printf '[libfuzzer]\nmax_len = 512\ndict = %s_fuzz.dict\n' "$target" > "$OUT/${target}_fuzz.options"
  else
    printf '[libfuzzer]\nmax_len = 512\n' > "$OUT/${target}_fuzz.options"
  fi
done
# The parser's seeds: every target's traces as text, and the malformed inputs.
(cd "$src/corpus" && cmake -E tar cf "$OUT/trace_parser_fuzz_seed_corpus.zip" --format=zip -- parser "${targets[@]}")
