#!/bin/sh
# Installs everything voltperf needs to build, test, benchmark and browser-test on Debian 12 (run as root).
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  ca-certificates g++ cmake make pkg-config git clang libclang-rt-14-dev \
  libsqlitecpp-dev libsqlite3-dev nlohmann-json3-dev libcli11-dev libfmt-dev libgtest-dev libgmock-dev \
  libzstd-dev libxxhash-dev libsimdjson-dev libbenchmark-dev \
  sqlite3 jq bc libxml2-utils hyperfine time findutils \
  chromium fonts-dejavu-core nodejs >/dev/null
# The browser test drives Debian's chromium with playwright-core from npm (tests/browser). Node.js may come
# from Debian (npm is then a separate package) or from NodeSource (npm included).
command -v npm >/dev/null || apt-get install -y -qq --no-install-recommends npm >/dev/null
