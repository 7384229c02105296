#!/usr/bin/env bash
# Whole-command benchmark: start-up of `spinesim list` and `spinesim play N` against a bare
# Swift binary, with the bundled library and with a generated library of 500 cases, then
# `spinesim grade` of 10,000 transcripts end to end with its peak memory.
#
# Usage (from the repository root, after `swift build -c release --static-swift-stdlib`, the
# release build as installed; a dynamically linked binary takes about 5 ms longer to start):
#   Benchmarks/whole-commands.sh [PATH/TO/spinesim] [RUNS]
# Prints figures; it judges nothing. Medians of RUNS runs (default 21), the commands taking
# turns so that a machine whose speed drifts affects each alike. Uses hyperfine when it is
# installed (for the start-up figures), else its own loop; GNU /usr/bin/time for peak memory.
set -euo pipefail

bin=$(realpath "${1:-.build/release/spinesim}")
runs=${2:-21}
repo=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$bin" ] || { echo "no binary at $bin; run: swift build -c release --static-swift-stdlib" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/spinesim-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/cache"

# A bare Swift binary that prints a prompt and reads a line: the floor for start-up.
cat > "$work/bare.swift" <<'EOF'
print("> ", terminator: "")
_ = readLine()
EOF
swiftc -O "$work/bare.swift" -o "$work/bare" 2>/dev/null

# A library of 500 cases: copies of the bundled cases under new ids and titles, beside a copy
# of the catalogue, found through SPINESIM_HOME (so the bundled cases are not also listed).
big="$work/home500"
mkdir -p "$big/Scenarios"
cp -R "$repo/Scenarios/catalogue" "$big/Scenarios/"
sources=("$repo"/Scenarios/*.yaml)
for i in $(seq 1 500); do
  src=${sources[$(( (i - 1) % ${#sources[@]} ))]}
  id=$(printf 'generated-%03d' "$i")
  sed -e "s/^id: .*/id: $id/" -e "s/^title: \(.*\)/title: \1 (copy $i)/" "$src" > "$big/Scenarios/$id.yaml"
done
# The start-up cache keeps only files unchanged for two seconds (Docs/commands.md, "The
# start-up cache"): let the generated ones settle, as a library on disk would be.
sleep 3

# Start-up figures (with the start-up cache in a folder of the benchmark's own, filled by
# the warm-up round): each command in turn, RUNS rounds, the median wall time of each in ms
# (python3's clock around fork+exec+wait; standard input is /dev/null, so `play` stops at
# its first prompt: the time to the first prompt), and the median CPU time (user + system,
# from wait4), which a busy machine moves less. Arguments: name=command pairs.
startup() {
  python3 - "$runs" "$work" "$@" <<'PY'
import os, shlex, statistics, subprocess, sys, time
runs, work, pairs = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
cmds = [(p.split("=", 1)[0], shlex.split(p.split("=", 1)[1])) for p in pairs]
times = {name: [] for name, _ in cmds}
cpus = {name: [] for name, _ in cmds}
for r in range(runs + 1):
    for name, argv in cmds:
        argv = [a.replace("@T", f"{work}/play-{r}-{name}.txt") for a in argv]
        t0 = time.perf_counter()
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(child.pid, 0)
        if r > 0:  # round 0 warms up
            times[name].append((time.perf_counter() - t0) * 1000)
            cpus[name].append((usage.ru_utime + usage.ru_stime) * 1000)
bare, bare_cpu = statistics.median(times[cmds[0][0]]), statistics.median(cpus[cmds[0][0]])
for name, _ in cmds:
    m, c = statistics.median(times[name]), statistics.median(cpus[name])
    print(f"  {name:<36} {m:7.1f} ms {m / bare:5.1f}x   cpu {c:6.1f} ms {c / bare_cpu:5.1f}x the bare binary")
PY
}

echo "start-up, median of $runs runs"
echo " bundled library ($("$bin" list | wc -l) cases):"
startup "bare Swift binary=$work/bare" "spinesim list=$bin list" "spinesim play 5 (first prompt)=$bin play 5 --transcript @T"
echo " generated library ($(SPINESIM_HOME="$big" "$bin" list | wc -l) cases):"
SPINESIM_HOME="$big" startup "bare Swift binary=$work/bare" "spinesim list=$bin list" "spinesim play 5 (first prompt)=$bin play 5 --transcript @T" "spinesim play 450 (first prompt)=$bin play 450 --transcript @T"

# 10,000 transcripts: the golden transcripts, each copy under its own student id.
tdir="$work/transcripts"
mkdir -p "$tdir"
golden=("$repo"/Tests/SpineSimCLITests/Golden/*.txt)
for i in $(seq 0 9999); do
  src=${golden[$(( i % ${#golden[@]} ))]}
  sed "s/^# student: .*/# student: s$i/" "$src" > "$tdir/t$(printf '%05d' "$i").txt"
done
echo "grade of 10,000 transcripts, end to end ($(nproc) cores)"
for format in text csv json; do
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" grade --format "$format" "$tdir" > "$work/out" 2>/dev/null || true
  read -r secs user sys kb < "$work/time"
  printf '  %-26s %6s s wall, %6s s cpu, peak RSS %4d MB  (output %d MB)\n' "grade --format $format" "$secs" \
    "$(echo "$user + $sys" | bc)" "$((kb / 1024))" "$(( $(stat -c %s "$work/out") / 1048576 ))"
done
