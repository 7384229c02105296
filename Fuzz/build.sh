#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and AddressSanitizer into .build-fuzz (at the
# repository root), beside the ordinary build so neither disturbs the other.
#   Fuzz/build.sh            build every target
# The binaries end up in .build-fuzz/debug/Fuzz<Name>; Fuzz/run.sh runs them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
swift build --package-path "$root/Fuzz" --scratch-path "$root/.build-fuzz" \
  -Xswiftc -sanitize=fuzzer,address "$@"
