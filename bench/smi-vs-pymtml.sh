#!/usr/bin/env bash
# Wall time of mtml-smi's default and JSON views against a pymtml script
# printing the same information (bench/pymtml_smi.py), with hyperfine, on
# the simulator's 8-GPU benchmark machine (the one of the other benches).
#
# Usage: bench/smi-vs-pymtml.sh [--python-only] [--instructions] [BINARY]
#                                [-- HYPERFINE-OPTION...]
#   BINARY          the mtml-smi executable to time; without it the script
#                   builds one (cargo build --release -p mtml-smi)
#   --python-only   time the pymtml script alone
#   --instructions  count each command's instructions with valgrind's
#                   callgrind (whole process, repeatable) instead of timing
# Options after `--` go to hyperfine (for example --export-markdown FILE
# or --runs 5). Needs cargo, hyperfine, python3 and pymtml
# (pip install mthreads-ml-py).
#
# mtml-smi runs twice per view: with `--sim` (the simulator embedded in
# the binary, written to an in-memory file and loaded from there) and with
# MTML_LIBRARY_PATH naming the simulator's shared library, the file pymtml
# loads (through LD_LIBRARY_PATH), as a user points it at the driver's
# library. Every run gets the benchmark machine through MTML_SIM_CONFIG.
# Before timing, the JSON of mtml-smi and of the pymtml script must agree
# on every value both print, for the same 8 GPUs.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

binary=""
python_only=0
instructions=0
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; break ;;
    --python-only) python_only=1 ;;
    --instructions) instructions=1 ;;
    -h | --help)
      sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    -*)
      echo "smi-vs-pymtml.sh: unknown option $1 (hyperfine options go after --)" >&2
      exit 2
      ;;
    *) binary="$1" ;;
  esac
  shift
done

for tool in cargo hyperfine python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "smi-vs-pymtml.sh: $tool is not installed" >&2
    exit 1
  fi
done
if ! python3 -c 'import pymtml' 2>/dev/null; then
  echo "smi-vs-pymtml.sh: pymtml is missing (pip install mthreads-ml-py)" >&2
  exit 1
fi

# The executable a cargo command builds (its last one).
built() {
  "$@" --message-format=json 2>/dev/null |
    sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1
}

if [ "$python_only" -eq 0 ]; then
  if [ -z "$binary" ]; then
    binary="$(built cargo build --release -p mtml-smi)"
    if [ -z "$binary" ] || [ ! -x "$binary" ]; then
      echo "smi-vs-pymtml.sh: building mtml-smi failed; run" >&2
      echo "  cargo build --release -p mtml-smi" >&2
      exit 1
    fi
  elif [ ! -x "$binary" ]; then
    echo "smi-vs-pymtml.sh: $binary is not an executable" >&2
    exit 1
  else
    binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
  fi
fi

harness="$(built cargo bench -p mtml --bench harness --no-run)"
if [ -z "$harness" ] || [ ! -x "$harness" ]; then
  echo "smi-vs-pymtml.sh: building the harness failed; run" >&2
  echo "  cargo bench -p mtml --bench harness --no-run" >&2
  exit 1
fi

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT
"$harness" config >"$workdir/machine.conf"
export MTML_SIM_CONFIG="$workdir/machine.conf"
unset MTML_SIM_FAULTS MTML_SMI_SIM
libdir="$("$harness" libdir)"
# pymtml loads libmtml.so.2 (then libmtml.so) through the dynamic loader;
# mtml-smi without --sim loads the same file by name.
export LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export MTML_LIBRARY_PATH="$libdir/libmtml.so.2"

python="$(python3 -c 'import sys; print(sys.executable)')"
script="$PWD/bench/pymtml_smi.py"

# Runs a command for the check, keeping its output in $workdir/NAME.
run() {
  local name="$1"
  shift
  if ! "$@" >"$workdir/$name"; then
    echo "smi-vs-pymtml.sh: failed: ${*##*/}" >&2
    exit 1
  fi
}

# Every JSON value both sides print must agree, for the 8 GPUs.
compare() {
  "$python" - "$1" "$2" <<'EOF'
import json, sys
left, right = (json.load(open(path)) for path in sys.argv[1:3])
def fail(message):
    sys.exit(f"smi-vs-pymtml.sh: mtml-smi and pymtml_smi.py differ: {message}")
for key in ("driver_version", "mtml_version"):
    if left[key] != right[key]:
        fail(f"{key}: {left[key]!r} against {right[key]!r}")
if len(left["gpus"]) != 8 or len(right["gpus"]) != 8:
    fail(f"{len(left['gpus'])} and {len(right['gpus'])} GPUs, not 8")
for mine, theirs in zip(left["gpus"], right["gpus"]):
    for key in theirs:
        if mine.get(key) != theirs[key]:
            fail(f"GPU {theirs['index']} {key}: {mine.get(key)!r} against {theirs[key]!r}")
EOF
}

run pymtml.json "$python" "$script" --json
run pymtml.txt "$python" "$script"
[ "$(grep -c 'MTT S4000' "$workdir/pymtml.txt")" -eq 8 ] || {
  echo "smi-vs-pymtml.sh: pymtml_smi.py does not show the 8 GPUs" >&2
  exit 1
}
commands=()
names=()
if [ "$python_only" -eq 0 ]; then
  for variant in sim file; do
    flag=()
    [ "$variant" = sim ] && flag=(--sim)
    run "smi-$variant.json" "$binary" "${flag[@]}" --json
    compare "$workdir/smi-$variant.json" "$workdir/pymtml.json"
    run "smi-$variant.txt" "$binary" "${flag[@]}"
    [ "$(grep -c 'MTT S4000' "$workdir/smi-$variant.txt")" -eq 8 ] || {
      echo "smi-vs-pymtml.sh: mtml-smi ${flag[*]} does not show the 8 GPUs" >&2
      exit 1
    }
  done
  echo "mtml-smi and pymtml_smi.py show the same values for the same 8 GPUs" >&2
  commands+=("$binary --sim" "$binary --sim --json" "$binary" "$binary --json")
  names+=(-n "mtml-smi --sim" -n "mtml-smi --sim --json"
    -n "mtml-smi (MTML_LIBRARY_PATH)" -n "mtml-smi --json (MTML_LIBRARY_PATH)")
fi
# For reference: the interpreter starting, and the script importing pymtml
# without calling it.
commands+=("$python $script" "$python $script --json" "$python $script --import-only"
  "$python -c pass")
names+=(-n "pymtml_smi.py" -n "pymtml_smi.py --json" -n "pymtml_smi.py --import-only"
  -n "python3 -c pass")

if [ "$instructions" -eq 1 ]; then
  command -v valgrind >/dev/null 2>&1 || {
    echo "smi-vs-pymtml.sh: valgrind is not installed" >&2
    exit 1
  }
  echo "| command | instructions |"
  echo "|---|---:|"
  for i in "${!commands[@]}"; do
    # shellcheck disable=SC2086 # the commands are words without spaces
    valgrind --tool=callgrind --callgrind-out-file="$workdir/callgrind.out" \
      ${commands[$i]} >/dev/null 2>"$workdir/valgrind.log" || {
      cat "$workdir/valgrind.log" >&2
      exit 1
    }
    printf '| %s | %s |\n' "${names[$((2 * i + 1))]}" \
      "$(sed -n 's/^summary: *//p' "$workdir/callgrind.out")"
  done
  exit 0
fi
hyperfine -N --warmup 3 "${names[@]}" "$@" "${commands[@]}"
