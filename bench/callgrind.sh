#!/usr/bin/env bash
# Instructions per call of every benchmark case, raw mtml-sys against the
# safe wrapper, counted with valgrind's callgrind.
#
# Each case runs twice under callgrind, N1 and N2 times; the difference of
# the two totals divided by N2 - N1 is the cost of one call, free of the
# start-up (library init, config parsing) that both runs share. With the
# simulator's clock frozen every call takes the same path, so the counts
# repeat exactly from run to run.
#
# When pymtml (pip install mthreads-ml-py) is importable, the same cases
# are counted through it too (bench/pymtml_bench.py --run), on the same
# simulated machine, and compared: in total and in what the binding adds
# to the raw call ("overhead").
#
# Usage: bench/callgrind.sh [--quick] [--no-pymtml] [--runtime-loading] [CASE...]
#   --quick       few iterations (a smoke test for CI; counts still exact)
#   --no-pymtml   skip the pymtml columns
#   --runtime-loading
#                 build the harness with mtml's runtime-loading feature:
#                 mtml and the raw cases both call through the function
#                 table of the simulator's shared library loaded at run
#                 time (default: linked, as `cargo bench -p mtml`)
#   CASE          temperature, name, pci_info, mtlink_layouts, snapshot
#                 (default: all)
# Prints a Markdown table on stdout. Needs valgrind and cargo.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

quick=0
pymtml=1
features=()
cases=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --no-pymtml) pymtml=0 ;;
    --runtime-loading) features=(--features runtime-loading) ;;
    -h | --help)
      sed -n '2,27p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    -*)
      echo "callgrind.sh: unknown option $arg" >&2
      exit 2
      ;;
    *) cases+=("$arg") ;;
  esac
done

if ! command -v valgrind >/dev/null 2>&1; then
  echo "callgrind.sh: valgrind is not installed (Debian: apt-get install valgrind)" >&2
  exit 1
fi

# Build the harness (release profile, as `cargo bench` does) and find it.
harness="$(
  cargo bench -p mtml "${features[@]}" --bench harness --no-run --message-format=json 2>/dev/null |
    sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1
)"
if [ -z "$harness" ] || [ ! -x "$harness" ]; then
  echo "callgrind.sh: building the harness failed; run" >&2
  echo "  cargo bench -p mtml ${features[*]} --bench harness --no-run" >&2
  exit 1
fi
echo "callgrind.sh: mode: $("$harness" mode)" >&2

if [ ${#cases[@]} -eq 0 ]; then
  mapfile -t cases < <("$harness" list | sed -n 's/\.raw$//p')
fi

# Iteration counts (first run, second run) of the Rust harness per case.
iterations() {
  if [ "$quick" -eq 1 ]; then
    echo "2 4"
  elif [ "$1" = snapshot ]; then
    echo "10 60"
  else
    echo "1000 11000"
  fi
}

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

# pymtml runs on the simulator's shared library with the harness's machine.
python=""
if [ "$pymtml" -eq 1 ] && python3 -c 'import pymtml' 2>/dev/null; then
  # The real interpreter, not a wrapper script (pyenv shims are scripts).
  python="$(python3 -c 'import sys; print(sys.executable)')"
  "$harness" config >"$workdir/machine.conf"
  export LD_LIBRARY_PATH
  LD_LIBRARY_PATH="$("$harness" libdir)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  export MTML_SIM_CONFIG="$workdir/machine.conf"
  # String hashing must not vary between the two runs.
  export PYTHONHASHSEED=0
  unset MTML_SIM_FAULTS
fi

# Total instructions of a command's run under callgrind.
instructions() {
  local out="$workdir/callgrind.out"
  valgrind --tool=callgrind --callgrind-out-file="$out" \
    "$@" >/dev/null 2>"$workdir/valgrind.log" || {
    cat "$workdir/valgrind.log" >&2
    echo "callgrind.sh: failed under callgrind: ${*##*/}" >&2
    exit 1
  }
  sed -n 's/^summary: *//p' "$out"
}

# Instructions of one call: per_call N1 N2 COMMAND... (COMMAND gets N).
per_call() {
  local n1="$1" n2="$2" i1 i2
  shift 2
  i1="$(instructions "$@" "$n1")"
  i2="$(instructions "$@" "$n2")"
  awk -v a="$i1" -v b="$i2" -v n1="$n1" -v n2="$n2" \
    'BEGIN { printf "%.1f", (b - a) / (n2 - n1) }'
}

if [ -n "$python" ]; then
  echo "| case | raw (instr/call) | mtml (instr/call) | mtml − raw | mtml / raw | pymtml (instr/call) | pymtml / mtml | pymtml − raw | overhead ratio |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
else
  echo "| case | raw (instr/call) | mtml (instr/call) | mtml − raw | mtml / raw |"
  echo "|---|---:|---:|---:|---:|"
fi
for case in "${cases[@]}"; do
  read -r n1 n2 <<<"$(iterations "$case")"
  raw="$(per_call "$n1" "$n2" "$harness" run "$case.raw")"
  safe="$(per_call "$n1" "$n2" "$harness" run "$case.safe")"
  row="$(awk -v c="$case" -v r="$raw" -v s="$safe" \
    'BEGIN { printf "| %s | %.0f | %.0f | %+.0f | %.3f× |", c, r, s, s - r, s / r }')"
  if [ -n "$python" ]; then
    if [ "$case" = snapshot ]; then
      row="$row – | – | – | – |" # pymtml has no snapshot
    else
      if [ "$quick" -eq 1 ]; then p1=2 p2=4; else p1=100 p2=600; fi
      py="$(per_call "$p1" "$p2" "$python" bench/pymtml_bench.py --run "$case")"
      row="$row$(awk -v r="$raw" -v s="$safe" -v p="$py" 'BEGIN {
        ratio = s > r ? sprintf("%.0f×", (p - r) / (s - r)) : "–"
        printf " %.0f | %.1f× | %+.0f | %s |", p, p / s, p - r, ratio
      }')"
    fi
  fi
  echo "$row"
done
