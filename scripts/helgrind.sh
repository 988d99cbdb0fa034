#!/usr/bin/env bash
# Runs the C stress program (tests/stress/stress.c: 8 pollers with their own
# library, 4 sharing one, a thread injecting faults, init/shutdown cycles)
# under valgrind's two data-race detectors, helgrind and DRD. Fails on any
# race, lock-order or pthread-misuse report, on any unexpected return code
# or handle misuse the program itself detects, or on a deadlock (the
# program's watchdog).
#
# Usage: scripts/helgrind.sh [ITERATIONS]
#   ITERATIONS: polls per thread (default 8; the plain test runs 200).
#   MTML_VALGRIND_LOGS=DIR keeps the valgrind logs.
#
# valgrind's default suppressions are off: they hide every race whose top
# frame is in libc.so.6, which would include memcpy/memset on the
# simulator's data. valgrind/helgrind.supp hides only glibc's mutex
# internals under helgrind (each entry explained). LD_BIND_NOW=1 resolves
# symbols at load time, so the dynamic linker's lazy binding (unsynchronised
# as far as DRD can see) does not run in the threads.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
target="${CARGO_TARGET_DIR:-$root/target}"
logs="${MTML_VALGRIND_LOGS:-$(mktemp -d)}"
mkdir -p "$logs"
iterations="${1:-8}"

if ! command -v valgrind >/dev/null 2>&1; then
  echo "error: valgrind is not installed (apt-get install valgrind)" >&2
  exit 1
fi

cargo build -p mtml-ctests --tests >/dev/null 2>&1 || cargo build -p mtml-ctests --tests
stress=$(find "$target"/debug/build/mtml-ctests-*/out -type f -name stress -perm -u+x -printf '%T@ %p\n' 2>/dev/null |
  sort -rn | head -n 1 | cut -d' ' -f2-)
if [ -z "$stress" ]; then
  echo "error: the C stress program was not built (MTML_CTEST_LIB_DIR set?)" >&2
  exit 1
fi

common=(
  --default-suppressions=no --suppressions="$root/valgrind/helgrind.supp"
  --error-exitcode=9 --num-callers=30
)
args=(--iterations "$iterations" --cycle-every 3 --timeout 900)

failed=0
# Runs the program under one tool; its output must end in a clean summary.
check() {
  local tool=$1 seed=$2
  shift 2
  local log="$logs/$tool.log" out="$logs/$tool.out" status=0
  LD_BIND_NOW=1 valgrind --tool="$tool" "${common[@]}" "$@" --log-file="$log" \
    "$stress" "${args[@]}" --seed "$seed" >"$out" 2>&1 || status=$?
  local errors summary
  errors=$(grep -h "ERROR SUMMARY" "$log" | awk '{print $4}')
  summary=$(grep -h "^SUMMARY" "$out" || true)
  printf '%-8s exit %-3s errors %-4s %s\n' "$tool" "$status" "${errors:-?}" "${summary#SUMMARY }"
  if [ "$status" -ne 0 ] || [ "${errors:-1}" != 0 ] || [[ "$summary" != *" unexpected=0" ]]; then
    failed=$((failed + 1))
    echo "---- $tool: first reports in $log" >&2
    grep -m 3 -A 20 "Possible data race\|Conflicting\|lock order\|Thread #[0-9]*:" "$log" >&2 || tail -n 40 "$log" >&2
    tail -n 20 "$out" >&2
  fi
}

check helgrind 1
check drd 2

echo "data-race check: helgrind and drd on tests/stress ($iterations iterations), $failed failed"
[ "$failed" -eq 0 ]
