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
cmake --build "$build" --target swiotlb_fuzz iova_fuzz pagesize_fuzz trace_parser_fuzz encode_corpus

mkdir -p "$OUT"
cp "$build/fuzz/swiotlb_fuzz" "$build/fuzz/iova_fuzz" "$build/fuzz/pagesize_fuzz" "$build/fuzz/trace_parser_fuzz" "$OUT/"

# Seed corpora: the regression traces, encoded for each target and as text for the parser.
seeds=$work/swiotlb-seeds
"$build/fuzz/encode_corpus" "$src/corpus/swiotlb" "$seeds"
(cd "$seeds" && cmake -E tar cf "$OUT/swiotlb_fuzz_seed_corpus.zip" --format=zip -- *)
for target in iova pagesize; do
  "$build/fuzz/encode_corpus" "$src/corpus/$target" "$work/$target-seeds"
  (cd "$work/$target-seeds" && cmake -E tar cf "$OUT/${target}_fuzz_seed_corpus.zip" --format=zip -- *)
done
(cd "$src/corpus" && cmake -E tar cf "$OUT/trace_parser_fuzz_seed_corpus.zip" --format=zip -- parser swiotlb iova pagesize)

cp "$src/fuzz/swiotlb.dict" "$OUT/swiotlb_fuzz.dict"
printf '[libfuzzer]\nmax_len = 512\ndict = swiotlb_fuzz.dict\n' > "$OUT/swiotlb_fuzz.options"
printf '[libfuzzer]\nmax_len = 512\n' > "$OUT/iova_fuzz.options"
printf '[libfuzzer]\nmax_len = 512\n' > "$OUT/pagesize_fuzz.options"
printf '[libfuzzer]\nmax_len = 4096\n' > "$OUT/trace_parser_fuzz.options"
