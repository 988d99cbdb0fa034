#!/usr/bin/env bash
# Time per call of the same cases through the raw C call, the mtml crate and
# pymtml (the official Python binding), all on the simulator's libmtml with
# the same machine description and a frozen clock, in one run.
#
# Usage: bench/pymtml-compare.sh
# Needs cargo, python3 and pymtml (pip install mthreads-ml-py).
# Prints a Markdown table on stdout.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! python3 -c 'import pymtml' 2>/dev/null; then
  echo "pymtml-compare.sh: pymtml is missing (pip install mthreads-ml-py)" >&2
  exit 1
fi

harness="$(
  cargo bench -p mtml --bench harness --no-run --message-format=json 2>/dev/null |
    sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1
)"
if [ -z "$harness" ] || [ ! -x "$harness" ]; then
  echo "pymtml-compare.sh: building the harness failed; run" >&2
  echo "  cargo bench -p mtml --bench harness --no-run" >&2
  exit 1
fi

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT
"$harness" config >"$workdir/machine.conf"

# pymtml opens "libmtml.so" through the dynamic loader.
export LD_LIBRARY_PATH
LD_LIBRARY_PATH="$("$harness" libdir)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export MTML_SIM_CONFIG="$workdir/machine.conf"
unset MTML_SIM_FAULTS

python3 bench/pymtml_bench.py >"$workdir/pymtml.txt"

# Per call = the library's own work (the raw C call) + the binding's. The
# last three columns subtract the raw call to compare the bindings alone.
echo "| case | raw C call (ns) | mtml (ns) | pymtml (ns) | pymtml / mtml | mtml overhead (ns) | pymtml overhead (ns) | overhead ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
while read -r case py; do
  raw="$("$harness" time "$case.raw")"
  safe="$("$harness" time "$case.safe")"
  awk -v c="$case" -v r="$raw" -v s="$safe" -v p="$py" 'BEGIN {
    mo = s - r; po = p - r
    ratio = mo > 0 ? sprintf("%.0f×", po / mo) : "n/a (within noise)"
    printf "| %s | %.0f | %.0f | %.0f | %.1f× | %.0f | %.0f | %s |\n", c, r, s, p, p / s, mo, po, ratio
  }'
done <"$workdir/pymtml.txt"
