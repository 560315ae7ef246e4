#!/usr/bin/env bash
# Fetches Debian's linux-source packages of the CI trees (scripts/kernel-packages.sh: the
# project's own sources list, cached in build/kernel-debs/) and extracts only the files that
# `dmacheck kernel` reads into build/kernel-trees/linux-<version>/ (a few hundred KiB each;
# the packages are 120-165 MB each). ctest's kernel.* tests run on these trees:
#   5.10  bullseye's LTS         6.1   bookworm's (bookworm-security)
#   6.12  bookworm-security's    newest  sid's newest linux-source-X.Y, picked at run time
# Usage: kernel-trees.sh [--print-uris]   (--print-uris: where each package would come from)
# Environment: DMACHECK_KERNEL_TREES  the suite:package list to use instead (space-separated)
set -euo pipefail
cd "$(dirname "$0")/.."

read -r -a packages <<<"${DMACHECK_KERNEL_TREES:-bullseye:linux-source-5.10 bookworm-security:linux-source-6.1 bookworm-security:linux-source-6.12 sid:linux-source-newest}"
resolved=$(bash scripts/kernel-packages.sh --resolve "${packages[@]}")  # sid's newest, by name
mapfile -t packages <<<"$resolved"
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
  stamp="$(basename "$deb") ${files[*]}"  # the package and the file list it was extracted with
  [[ $(cat "$out/.dmacheck-package" 2>/dev/null) == "$stamp" ]] && continue
  rm -rf "$out" && mkdir -p "$out"
  # A file only newer trees have (rbtree_types.h) is "not found" in older ones, which is no
  # error here: each harness checks the files it needs when it builds.
  if ! dpkg-deb --fsys-tarfile "$deb" | tar -xOf - "./usr/src/linux-source-$v.tar.xz" |
    tar -xJf - --strip-components=1 -C "$out" "${files[@]/#/linux-source-$v/}" 2>"$out/.tar-errors"; then
    if grep -v 'Not found in archive\|Exiting with failure' "$out/.tar-errors" >&2; then exit 1; fi
  fi
  rm -f "$out/.tar-errors"
  echo "$stamp" >"$out/.dmacheck-package"
  echo "dmacheck kernel trees: $out ($(find "$out" -type f -not -name '.*' | wc -l) files, from $(basename "$deb"))"
done
