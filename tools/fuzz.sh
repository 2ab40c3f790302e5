#!/usr/bin/env bash
# tools/fuzz.sh [SECONDS] [BUILD_DIR]: builds the libFuzzer targets with clang (ASan + UBSan; default build
# dir build-san, shared with the sanitizer test run of tools/check-all.sh) and runs each
# for SECONDS (default 60), seeded from the real corpus (tests/data, examples/lab-history). Crashes are
# saved as fuzz-<target>-crash-* in the current directory; the script exits non-zero on the first finding.
# Prints one line per target: runs executed and the clean seconds.
set -euo pipefail
secs=${1:-60}
top=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-$top/build-san}
CXX=clang++ cmake -S "$top" -B "$build" -DVOLTPERF_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j2 --target fuzz_iperf3 fuzz_env fuzz_ping fuzz_run_dir_time >/dev/null
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds"/{iperf3,env,ping,run_dir_time}
cp "$top"/tests/data/corpus/*.json "$top"/tests/data/samples/*.json "$seeds/iperf3/"
i=0
for run in "$top"/examples/lab-history/*/*/; do
  i=$((i + 1))
  [ $((i % 6)) -eq 0 ] || continue
  cp "$run/tcp-multi-8.json" "$seeds/iperf3/lab-$i.json"
  cp "$run/ping-summary.env" "$seeds/env/lab-$i.env"
  cp "$run/ping.txt" "$seeds/ping/lab-$i.txt"
  basename "$run" > "$seeds/run_dir_time/$i"
done
printf '2026-10-07T02:14:47+02:00' > "$seeds/run_dir_time/iso"
for target in iperf3 env ping run_dir_time; do
  log=$(mktemp)
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 "$build/tests/fuzz/fuzz_$target" \
      -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="fuzz-$target-" "$seeds/$target" >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz_$target: FINDING after $(grep -c . "$log") log lines (see above)"
    exit 1
  fi
  runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
  echo "fuzz_$target: clean for ${secs}s, ${runs} runs"
  rm -f "$log"
done
