#!/usr/bin/env bash
# Runs each fuzz target for a bounded time over its seed corpus and its regression inputs.
#   Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 10 seconds, every target)
# A crash, a leak-free trap or a timeout fails the run (exit 1); the input that caused it is
# written to .build-fuzz/artifacts/. Keep it: copy it into Fuzz/Regressions/<Target>/ and the
# ordinary test suite replays it from then on (FuzzRegressionTests).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-10}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(FuzzCommandParser FuzzTranscript FuzzGrade FuzzScenario FuzzCatalogue FuzzLadder FuzzBaseline FuzzSnapshot)
fi
bin="$root/.build-fuzz/release"
mkdir -p "$root/.build-fuzz/artifacts" "$root/.build-fuzz/corpus"
# Leaks the suppression file lists are known and one-off (see its comments).
export LSAN_OPTIONS="suppressions=$root/Fuzz/lsan.supp:print_suppressions=0"
status=0
for t in "${targets[@]}"; do
  work="$root/.build-fuzz/corpus/$t"   # grows as the fuzzer finds new paths; seeds stay untouched
  mkdir -p "$work"
  dirs=("$work")
  [ -d "$root/Fuzz/Corpus/$t" ] && dirs+=("$root/Fuzz/Corpus/$t")
  # The loaders' seeds are the bundled files themselves.
  case "$t" in
    FuzzScenario) dirs+=("$root/Scenarios") ;;
    FuzzCatalogue) dirs+=("$root/Scenarios/catalogue") ;;
    FuzzLadder) dirs+=("$root/Scenarios/catalogue/ladders") ;;
  esac
  [ -d "$root/Fuzz/Regressions/$t" ] && dirs+=("$root/Fuzz/Regressions/$t")
  echo "== $t: ${seconds}s"
  if ! "$bin/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -dict="$root/Fuzz/spinesim.dict" -print_final_stats=1 \
       -artifact_prefix="$root/.build-fuzz/artifacts/$t-" "${dirs[@]}" 2>"$root/.build-fuzz/$t.log"; then
    echo "FAILED: $t (see .build-fuzz/$t.log and .build-fuzz/artifacts/)"
    tail -40 "$root/.build-fuzz/$t.log"
    status=1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$root/.build-fuzz/$t.log" | sed "s/^/   /" || true
done
exit $status
