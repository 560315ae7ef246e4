#!/usr/bin/env bash
# Fetches Debian's linux-source-6.1 and linux-source-6.12 (scripts/kernel-packages.sh: the
# project's own sources list, cached in build/kernel-debs/) and extracts only the files that
# `dmacheck kernel` reads into build/kernel-trees/linux-<version>/ (a few hundred KiB each;
# the packages are ~140 MB each). ctest's kernel.* tests run on these trees.
# Usage: kernel-trees.sh [--print-uris]   (--print-uris: where each package would come from)
set -euo pipefail
cd "$(dirname "$0")/.."

# suite:package of every CI tree; both are in bookworm-security, not in bookworm main.
packages=(bookworm-security:linux-source-6.1 bookworm-security:linux-source-6.12)
if [[ ${1:-} == --print-uris ]]; then
  exec bash scripts/kernel-packages.sh --print-uris "${packages[@]}"
fi
bash scripts/kernel-packages.sh "${packages[@]}"
bash scripts/setup.sh xz-utils  # the packages hold .tar.xz; a debootstrap root has no xz

dmacheck=${DMACHECK:-build/dev/cli/dmacheck}
mapfile -t files < <("$dmacheck" kernel --files)  # every harness's files
for pair in "${packages[@]}"; do
  package=${pair#*:} v=${pair#*:linux-source-}
  debs=(build/kernel-debs/"${package}"_*_all.deb)
  deb=$(ls -t "${debs[@]}" | head -n 1)
  out="build/kernel-trees/linux-$v"
  have=1
  [[ $(cat "$out/.dmacheck-package" 2>/dev/null) == "$(basename "$deb")" ]] || have=0
  for f in "${files[@]}"; do [[ -f "$out/$f" ]] || have=0; done
  ((have)) && continue
  rm -rf "$out" && mkdir -p "$out"
  dpkg-deb --fsys-tarfile "$deb" | tar -xOf - "./usr/src/linux-source-$v.tar.xz" |
    tar -xJf - --strip-components=1 -C "$out" "${files[@]/#/linux-source-$v/}"
  basename "$deb" >"$out/.dmacheck-package"
  echo "dmacheck kernel trees: $out ($(find "$out" -type f -not -name '.*' | wc -l) files, from $(basename "$deb"))"
done
