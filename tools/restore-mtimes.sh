#!/usr/bin/env bash
# restore-mtimes.sh TREE: give every run directory <backend>/<YYYYmmdd-HHMMSS>/ and its files the mtime its
# name says (UTC). git keeps no file times, and compare.sh picks each backend's "latest" run by directory
# mtime, so run this on a checked-out or generated tree before running compare.sh on it.
set -eu
for d in "${1:?results tree}"/*/*/; do
  n=$(basename "$d")
  [[ $n =~ ^([0-9]{4})([0-9]{2})([0-9]{2})-([0-9]{2})([0-9]{2})([0-9]{2})$ ]] || continue
  t="${BASH_REMATCH[1]}-${BASH_REMATCH[2]}-${BASH_REMATCH[3]} ${BASH_REMATCH[4]}:${BASH_REMATCH[5]}:${BASH_REMATCH[6]} UTC"
  touch -d "$t" "$d"/* "$d"
done
