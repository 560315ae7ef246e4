#!/usr/bin/env bash
# Installs Debian's linux-source-6.1 and linux-source-6.12 and extracts only the files that
# `dmacheck kernel` reads into build/kernel-trees/linux-<version>/ (a few hundred KiB each;
# the packages themselves are ~140 MB each). ctest's kernel.* tests run on these trees.
set -euo pipefail
cd "$(dirname "$0")/.."

versions=(6.1 6.12)
bash scripts/setup.sh "${versions[@]/#/linux-source-}"

dmacheck=${DMACHECK:-build/dev/cli/dmacheck}
mapfile -t files < <({ "$dmacheck" kernel --target iova --files; "$dmacheck" kernel --target swiotlb --files; } | sort -u)
for v in "${versions[@]}"; do
  out="build/kernel-trees/linux-$v"
  have=1
  for f in "${files[@]}"; do [[ -f "$out/$f" ]] || have=0; done
  ((have)) && continue
  mkdir -p "$out"
  tar -xJf "/usr/src/linux-source-$v.tar.xz" --strip-components=1 -C "$out" "${files[@]/#/linux-source-$v/}"
  echo "dmacheck kernel trees: $out ($(find "$out" -type f | wc -l) files)"
done
