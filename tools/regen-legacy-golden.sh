#!/usr/bin/env bash
# Regenerates the golden files of `voltperf report --format legacy` by running compare.sh itself (bash, jq,
# bc) on each test tree. Usage: tools/regen-legacy-golden.sh [BUILD_DIR]  (default: build)
# Each case is a tree; its compare.sh stdout and COMPARISON.md are stored with the results path replaced by
# @RESULTS@ and the `date` lines by @DATE@ (tests/e2e/legacy_report_test.cpp compares after the same masking).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
gen=$build/voltperf-gen
compare=$top/tests/data/legacy/compare.sh
out=$top/tests/data/legacy
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# case name | how to make the tree (must match tests/e2e/legacy_report_test.cpp)
make_tree() {
  local name=$1 dir=$2
  case $name in
    lab-history) cp -r "$top/examples/lab-history" "$dir" ;;
    gen30-broken) "$gen" "$dir" --runs 3 --duration 30 --broken 3 --seed 11 >/dev/null ;;
    gen30-two-backends) "$gen" "$dir" --runs 2 --duration 30 --backends virtio,vhost-net --seed 5 --cv 0.1 >/dev/null ;;
    *) echo "unknown case $name" >&2; exit 2 ;;
  esac
}

for name in lab-history gen30-broken gen30-two-backends; do
  tree=$work/$name
  make_tree "$name" "$tree"
  chmod -R u+w "$tree"
  "$top/tools/restore-mtimes.sh" "$tree"
  LC_ALL=C bash "$compare" "$tree" > "$work/$name.out"
  mask() { sed -e "s|$tree|@RESULTS@|g" -e 's|^Generated: .*|Generated: @DATE@|' "$1"; }
  mask "$work/$name.out" > "$out/$name.stdout"
  mask "$tree/COMPARISON.md" > "$out/$name.COMPARISON.md"
  echo "wrote $out/$name.stdout and $name.COMPARISON.md"
done
