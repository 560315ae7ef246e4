#!/usr/bin/env bash
# Mutation testing: applies each of our mutants (mutants/*.patch, one-token typos of impl/)
# to this working tree in turn, rebuilds dmacheck and runs the engines on the mutant's
# target; a mutant is killed by an engine that reports something the unmutated build does
# not (a mismatch with the corpus's expect lines or the zoo's bug table, a verdict that
# differs, a violation of the fixed logic). Prints a table and the kill rate per engine.
#   scripts/mutants.sh [MUTANT...]      (default: every mutant; names without .patch)
# Engines: corpus (corpus/T), zoo (the properties on every variant, 2 seeds) and prove;
# DMACHECK_MUTANT_ENGINES="corpus zoo" picks some. An engine's verdict is its exit status
# and its output without times (numbers with a decimal point).
# The tree must have no uncommitted change under impl/; the mutant is reverted on exit,
# and a mutant left applied by a kill is reverted at the next start.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${DMACHECK_BUILD:-build/dev}
dmacheck=$build/cli/dmacheck
applied=$build/mutant-applied
revert() { [[ -f $applied ]] && patch -s -R -p1 <"$(cat "$applied")" && rm -f "$applied"; }
revert
git diff --quiet -- impl/ || { echo "scripts/mutants.sh: impl/ has uncommitted changes; commit or stash them first" >&2; exit 2; }
trap 'revert; cmake --build "$build" --target dmacheck >/dev/null' EXIT

names=("$@")
((${#names[@]})) || mapfile -t names < <(ls mutants/*.patch | xargs -n1 basename | sed 's/\.patch$//')
read -r -a engines <<<"${DMACHECK_MUTANT_ENGINES:-corpus zoo prove}"
declare -A killed=()
for e in "${engines[@]}"; do killed[$e]=0; done

# verdict ENGINE TARGET: the engine's exit status (124: it timed out) and its output
# without times, on the current build.
verdict() {
  local out status
  case $1 in
    corpus) out=$(timeout 300 "$dmacheck" corpus "corpus/$2" 2>&1) ;;
    zoo) out=$(timeout 300 "$dmacheck" zoo --target "$2" --seeds 2 --runs 3000 2>&1) ;;
    prove) out=$(timeout 600 "$dmacheck" prove --target "$2" --timeout-ms 60000 --out "$build/mutant-proofs" 2>&1) ;;
  esac
  status=$?
  echo "exit $status"
  sed -E 's/[0-9]+\.[0-9]+//g' <<<"$out"
}

cmake --build "$build" --target dmacheck >/dev/null || exit 2
declare -A baseline=()
for name in "${names[@]}"; do
  [[ -f mutants/$name.patch ]] || { echo "no mutant mutants/$name.patch" >&2; exit 2; }
  # A mutant that no longer applies would count as "survived" without being run: refuse it.
  git apply --check "mutants/$name.patch" 2>/dev/null ||
    { echo "mutants/$name.patch no longer applies to impl/: regenerate it (mutants/README.md)" >&2; exit 2; }
  target=$(sed -n 's|^+++ b/impl/\([a-z]*\)/.*|\1|p' "mutants/$name.patch")
  for e in "${engines[@]}"; do
    [[ -n ${baseline[$e.$target]:-} ]] || baseline[$e.$target]=$(verdict "$e" "$target")
  done
done

any=0
printf '%-28s %-9s' mutant target; printf ' %-8s' "${engines[@]}"; echo
for name in "${names[@]}"; do
  target=$(sed -n 's|^+++ b/impl/\([a-z]*\)/.*|\1|p' "mutants/$name.patch")
  patch -s -p1 <"mutants/$name.patch" && echo "mutants/$name.patch" >"$applied"
  if ! cmake --build "$build" --target dmacheck >/dev/null 2>&1; then
    printf '%-28s %-9s does not compile\n' "$name" "$target"; revert; continue
  fi
  printf '%-28s %-9s' "$name" "$target"
  caught=0
  for e in "${engines[@]}"; do
    if [[ $(verdict "$e" "$target") != "${baseline[$e.$target]}" ]]; then
      killed[$e]=$((killed[$e] + 1)) caught=1; printf ' %-8s' "killed"
    else
      printf ' %-8s' "-"
    fi
  done
  any=$((any + caught))
  echo
  revert
done
printf 'kill rate over %d mutants:' "${#names[@]}"
for e in "${engines[@]}"; do printf ' %s %d/%d' "$e" "${killed[$e]}" "${#names[@]}"; done
printf '; by any engine %d/%d\n' "$any" "${#names[@]}"
((any == ${#names[@]}))
