#!/usr/bin/env bash
# Wall time of mtml-smi's default and JSON views against a pymtml script
# printing the same information (bench/pymtml_smi.py), with hyperfine, on
# the simulator's 8-GPU benchmark machine (the one of the other benches).
#
# Usage: bench/smi-vs-pymtml.sh BINARY [HYPERFINE-OPTION...]
#        bench/smi-vs-pymtml.sh --python-only [HYPERFINE-OPTION...]
#   BINARY         the mtml-smi executable to time (built against libmtml;
#                  it finds the simulator through LD_LIBRARY_PATH or, if it
#                  links the simulator itself, through MTML_SIM_CONFIG)
#   --python-only  time the pymtml script alone
# Extra options go to hyperfine (for example --export-markdown FILE or
# --runs 5). Needs cargo, hyperfine, python3 and pymtml
# (pip install mthreads-ml-py).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ $# -lt 1 ]; then
  sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
binary="$1"
shift
if [ "$binary" = --python-only ]; then
  binary=""
elif [ ! -x "$binary" ]; then
  echo "smi-vs-pymtml.sh: $binary is not an executable" >&2
  exit 1
else
  binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
fi

for tool in hyperfine python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "smi-vs-pymtml.sh: $tool is not installed" >&2
    exit 1
  fi
done
if ! python3 -c 'import pymtml' 2>/dev/null; then
  echo "smi-vs-pymtml.sh: pymtml is missing (pip install mthreads-ml-py)" >&2
  exit 1
fi

harness="$(
  cargo bench -p mtml --bench harness --no-run --message-format=json 2>/dev/null |
    sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1
)"
if [ -z "$harness" ] || [ ! -x "$harness" ]; then
  echo "smi-vs-pymtml.sh: building the harness failed; run" >&2
  echo "  cargo bench -p mtml --bench harness --no-run" >&2
  exit 1
fi

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT
"$harness" config >"$workdir/machine.conf"
export LD_LIBRARY_PATH
LD_LIBRARY_PATH="$("$harness" libdir)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export MTML_SIM_CONFIG="$workdir/machine.conf"
unset MTML_SIM_FAULTS

python="$(python3 -c 'import sys; print(sys.executable)')"
script="$PWD/bench/pymtml_smi.py"

# Every command must work and list 8 GPUs before it is timed.
check() {
  local output
  if ! output="$("$@")"; then
    echo "smi-vs-pymtml.sh: failed: ${*##*/}" >&2
    exit 1
  fi
  if [ "$(grep -c 'MTT S4000' <<<"$output")" -ne 8 ]; then
    echo "smi-vs-pymtml.sh: ${*##*/} does not show the 8 GPUs:" >&2
    echo "$output" >&2
    exit 1
  fi
}

commands=()
names=()
if [ -n "$binary" ]; then
  check "$binary"
  check "$binary" --json
  commands+=("$binary" "$binary --json")
  names+=(-n "mtml-smi" -n "mtml-smi --json")
fi
check "$python" "$script"
check "$python" "$script" --json
commands+=("$python $script" "$python $script --json")
names+=(-n "pymtml_smi.py" -n "pymtml_smi.py --json")

hyperfine -N --warmup 3 "${names[@]}" "$@" "${commands[@]}"
