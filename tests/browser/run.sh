#!/usr/bin/env bash
# tests/browser/run.sh VOLTPERF [--screenshot PNG]: the HTML report in a real browser (Debian's chromium,
# driven by playwright-core from npm; no browser is downloaded). Run by tools/check-all.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { echo "usage: $0 VOLTPERF [--screenshot PNG]" >&2; exit 2; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "$0: node and npm are needed (tools/setup-debian.sh)" >&2; exit 2; }
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "$0: no Chromium at $chromium (tools/setup-debian.sh installs Debian's)" >&2; exit 2; }
if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
CHROMIUM="$chromium" node "$here/report.test.mjs" "$@"
