#!/usr/bin/env bash
# tools/check-all.sh: the whole test suite, as CI runs it (.ci/run). Assumes tools/setup-debian.sh ran.
#  1. the gcc build with -Werror: all unit and end-to-end tests;
#  2. tools/bench --quick on that build: speed and memory ratios, failing at twice a target (docs/performance.md);
#  3. the HTML report in headless Chromium (tests/browser/run.sh);
#  4. one clang build with AddressSanitizer + UndefinedBehaviorSanitizer: the whole suite again, then each
#     libFuzzer target briefly (FUZZ_SECONDS, default 20; longer runs: tools/fuzz.sh SECONDS).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
echo "== gcc build and tests"
cmake -S . -B build -DVOLTPERF_WERROR=ON >/dev/null
cmake --build build -j2
ctest --test-dir build --output-on-failure -j2
echo "== benchmark (quick): ratios against jq, cat, find and compare.sh"
tools/bench --quick --build-dir build
echo "== the HTML report in headless Chromium"
tests/browser/run.sh build/voltperf
echo "== clang ASan + UBSan build: fuzz targets, then the whole suite"
CXX=clang++ cmake -S . -B build-san -DVOLTPERF_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-san -j2
tools/fuzz.sh "${FUZZ_SECONDS:-20}" build-san
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-san --output-on-failure -j2
