#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and AddressSanitizer into .build-fuzz (at the
# repository root), beside the ordinary build so neither disturbs the other.
#   Fuzz/build.sh            build every target
# The binaries end up in .build-fuzz/release/Fuzz<Name> (optimised, for executions per second);
# Fuzz/run.sh runs them. lld (shipped with Swift) links: gold fails on libFuzzer's `main`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
swift build --package-path "$root/Fuzz" --scratch-path "$root/.build-fuzz" \
  -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld "$@"
