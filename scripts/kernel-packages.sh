#!/usr/bin/env bash
# Downloads Debian's linux-source packages through a sources list of the project's own
# (build/apt/), so the kernel trees come from the same suites whatever suites this machine's
# apt knows: a debootstrap root has bookworm main only, and linux-source-6.12 is in
# bookworm-security. The mirror is the one this machine's apt already uses; nothing else is
# fetched, and the machine's own apt state is never touched.
#
# Usage: kernel-packages.sh [--sources-only | --print-uris | --resolve] SUITE:PACKAGE...
#   (default)       download each PACKAGE from SUITE into build/kernel-debs/ (cached)
#   --sources-only  print the sources list that would be used, and stop (no network)
#   --print-uris    update the project's lists and print each package's URI, download nothing
#   --resolve       print the pairs again, "linux-source-newest" replaced by the newest
#                   linux-source-X.Y the suite carries (sid replaces its kernel every few weeks)
# Environment: DMACHECK_APT_SOURCES  the apt source files to read the mirror from (default:
#                                    /etc/apt/sources.list and /etc/apt/sources.list.d/*)
#              DMACHECK_DEBIAN_MIRROR  use this mirror instead (the URI of its debian archive)
#              DMACHECK_APT_DIR        the project's apt state (default build/apt)
set -euo pipefail
cd "$(dirname "$0")/.."

mode=download
case ${1:-} in
  --sources-only | --print-uris | --resolve) mode=${1#--}; shift ;;
esac
(($#)) || { echo "kernel-packages: no SUITE:PACKAGE given" >&2; exit 2; }

# Every URI of the machine's apt sources, one-line (.list) and deb822 (.sources) format alike.
machine_uris() {
  local files
  read -r -a files <<<"${DMACHECK_APT_SOURCES:-/etc/apt/sources.list $(echo /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources)}"
  for f in "${files[@]}"; do
    [[ -r $f ]] || continue
    sed -n -e 's/^[[:space:]]*deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\).*/\2/p' \
           -e 's/^[[:space:]]*URIs:[[:space:]]*//p' "$f" | tr ' ' '\n'
  done
}

# The machine's Debian archive: a URI whose last path component is "debian".
mirror=${DMACHECK_DEBIAN_MIRROR:-$(machine_uris | grep -E '/debian/?$' | head -n 1 || true)}
mirror=${mirror%/}
if [[ -z $mirror ]]; then
  echo "kernel-packages: no Debian archive in this machine's apt sources (${DMACHECK_APT_SOURCES:-/etc/apt/sources.list*})" \
       "to take the mirror from; set DMACHECK_DEBIAN_MIRROR to the URI of a Debian archive" >&2
  exit 2
fi
# Security suites live in the sibling archive debian-security on Debian's mirrors.
security=${mirror%/debian}/debian-security
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

apt=${DMACHECK_APT_DIR:-$PWD/build/apt}
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/sources.list.d"
declare -A suites=()
for pair in "$@"; do
  [[ $pair == *:* ]] || { echo "kernel-packages: '$pair' is not SUITE:PACKAGE" >&2; exit 2; }
  suites[${pair%%:*}]=1
done
{
  for suite in "${!suites[@]}"; do
    if [[ $suite == *-security ]]; then
      echo "deb [signed-by=$keyring] $security $suite main"
    else
      echo "deb [signed-by=$keyring] $mirror $suite main"
    fi
  done
} | sort >"$apt/sources.list.new"
mv "$apt/sources.list.new" "$apt/sources.list"
if [[ $mode == sources-only ]]; then
  cat "$apt/sources.list"
  exit 0
fi

apt_options=(-o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts="$apt/sources.list.d"
             -o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" -o APT::Get::List-Cleanup=0
             -o Debug::NoLocking=1 -o APT::Sandbox::User="$(id -un)" -o Acquire::Languages=none)
# Refresh the project's lists at most once an hour (CI reruns and test.sh after demo.sh), and
# whenever the suites asked for changed (the stamp holds the sources list it was made from).
stamp=$apt/lists/.updated
if [[ ! -f $stamp || -n $(find "$stamp" -mmin +60) ]] || ! cmp -s "$stamp" "$apt/sources.list"; then
  apt-get "${apt_options[@]}" update -qq >"$apt/update.log" 2>&1 ||
    { cat "$apt/update.log" >&2; echo "kernel-packages: apt-get update of $apt/sources.list failed" >&2; exit 1; }
  cp "$apt/sources.list" "$stamp"
fi

if [[ $mode == resolve ]]; then
  for pair in "$@"; do
    if [[ ${pair#*:} != linux-source-newest ]]; then echo "$pair"; continue; fi
    suite=${pair%%:*}
    newest=""  # the highest X.Y that this suite itself carries (the lists hold the other suites too)
    for candidate in $(apt-cache "${apt_options[@]}" search --names-only '^linux-source-[0-9]+\.[0-9]+$' | cut -d' ' -f1 | sort -rV); do
      # (read whole: grep -q would end the pipe early, and pipefail would count apt-cache's SIGPIPE)
      if [[ $(apt-cache "${apt_options[@]}" madison "$candidate") == *" $suite/"* ]]; then newest=$candidate; break; fi
    done
    [[ -n $newest ]] || { echo "kernel-packages: $suite carries no linux-source-X.Y (sources: $apt/sources.list)" >&2; exit 1; }
    echo "$suite:$newest"
  done
  exit 0
fi

mkdir -p build/kernel-debs
for pair in "$@"; do
  package=${pair#*:}
  if [[ $mode == print-uris ]]; then
    apt-get "${apt_options[@]}" download --print-uris "$package" ||
      { echo "kernel-packages: $package is not in ${pair%%:*} (sources: $apt/sources.list)" >&2; exit 1; }
    continue
  fi
  version=$(apt-cache "${apt_options[@]}" policy "$package" | sed -n 's/^ *Candidate: //p')
  if [[ -z $version || $version == "(none)" ]]; then
    echo "kernel-packages: $package is not in ${pair%%:*} (sources: $apt/sources.list)" >&2
    exit 1
  fi
  deb=build/kernel-debs/${package}_${version//:/%3a}_all.deb
  [[ -s $deb ]] && continue
  echo "kernel-packages: downloading $package $version from ${pair%%:*}"
  (cd build/kernel-debs && apt-get "${apt_options[@]}" download -qq "$package=$version") ||
    { echo "kernel-packages: download of $package $version failed" >&2; exit 1; }
done
