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
# Usage: bench/callgrind.sh [--quick] [CASE...]
#   --quick   few iterations (a smoke test for CI; counts still exact)
#   CASE      temperature, name, pci_info, mtlink_layouts, snapshot
#             (default: all)
# Prints a Markdown table on stdout. Needs valgrind and cargo.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

quick=0
cases=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    -h | --help)
      sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
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
  cargo bench -p mtml --bench harness --no-run --message-format=json 2>/dev/null |
    sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1
)"
if [ -z "$harness" ] || [ ! -x "$harness" ]; then
  echo "callgrind.sh: building the harness failed; run" >&2
  echo "  cargo bench -p mtml --bench harness --no-run" >&2
  exit 1
fi

if [ ${#cases[@]} -eq 0 ]; then
  mapfile -t cases < <("$harness" list | sed -n 's/\.raw$//p')
fi

# Iteration counts (first run, second run) per case.
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

# Total instructions of `harness run CASE N`.
instructions() {
  local out="$workdir/callgrind.out"
  valgrind --tool=callgrind --callgrind-out-file="$out" \
    "$harness" run "$1" "$2" >/dev/null 2>"$workdir/valgrind.log" || {
    cat "$workdir/valgrind.log" >&2
    echo "callgrind.sh: harness run $1 $2 failed" >&2
    exit 1
  }
  sed -n 's/^summary: *//p' "$out"
}

# Instructions of one call of CASE, as a decimal with one digit.
per_call() {
  local n1 n2 i1 i2
  read -r n1 n2 <<<"$(iterations "${1%.*}")"
  i1="$(instructions "$1" "$n1")"
  i2="$(instructions "$1" "$n2")"
  awk -v a="$i1" -v b="$i2" -v n1="$n1" -v n2="$n2" \
    'BEGIN { printf "%.1f", (b - a) / (n2 - n1) }'
}

echo "| case | raw (instr/call) | safe (instr/call) | safe − raw | safe / raw |"
echo "|---|---:|---:|---:|---:|"
for case in "${cases[@]}"; do
  raw="$(per_call "$case.raw")"
  safe="$(per_call "$case.safe")"
  awk -v c="$case" -v r="$raw" -v s="$safe" \
    'BEGIN { printf "| %s | %.0f | %.0f | %+.0f | %.3f× |\n", c, r, s, s - r, s / r }'
done
