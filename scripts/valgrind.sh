#!/usr/bin/env bash
# Runs mtml's integration tests, the C conformance program and (when it is
# built) mtml-smi under valgrind memcheck. Fails on any memcheck error or any
# byte definitely lost; prints one line per program and a total.
#
# Usage: scripts/valgrind.sh [TEST ...]
#   TEST: names of mtml integration tests (files in mtml/tests/) to run;
#   default: all of them. MTML_VALGRIND_LOGS=DIR keeps the valgrind logs.
#
# Suppressions (toolchain noise only, each explained) are read from
# valgrind/toolchain.supp.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
target="${CARGO_TARGET_DIR:-$root/target}"
logs="${MTML_VALGRIND_LOGS:-$(mktemp -d)}"
mkdir -p "$logs"

if ! command -v valgrind >/dev/null 2>&1; then
  echo "error: valgrind is not installed (apt-get install valgrind)" >&2
  exit 1
fi

memcheck=(
  valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite
  --errors-for-leak-kinds=definite --error-exitcode=9 --num-callers=30
  --suppressions="$root/valgrind/toolchain.supp" --trace-children=no
)

if [ $# -gt 0 ]; then
  tests=("$@")
else
  tests=()
  for file in mtml/tests/*.rs; do
    tests+=("$(basename "$file" .rs)")
  done
fi

# Build the test binaries once and learn their paths from cargo.
test_args=()
for name in "${tests[@]}"; do
  test_args+=(--test "$name")
done
build_log="$logs/build.json"
cargo test -p mtml "${test_args[@]}" --no-run --message-format=json >"$build_log"
cargo build -p mtml-ctests --tests >/dev/null 2>&1 || cargo build -p mtml-ctests --tests

failed=0
programs=0
errors_total=0
lost_total=0

# Runs one program under memcheck and records its summary. The program must
# exit with $expect_status (default 0).
check() {
  local label=$1
  shift
  local file=${label//[\/ ]/_}
  local log="$logs/$file.log"
  local status=0
  "${memcheck[@]}" --log-file="$log" "$@" >"$logs/$file.out" 2>&1 || status=$?
  local errors lost
  errors=$(grep -h "ERROR SUMMARY" "$log" | awk '{s += $4} END {print s + 0}')
  lost=$(grep -h "definitely lost:" "$log" | awk '{gsub(",", "", $4); s += $4} END {print s + 0}')
  programs=$((programs + 1))
  errors_total=$((errors_total + errors))
  lost_total=$((lost_total + lost))
  printf '%-28s exit %-3s memcheck errors %-4s definitely lost %s bytes\n' \
    "$label" "$status" "$errors" "$lost"
  if [ "$status" -ne "${expect_status:-0}" ] || [ "$errors" -ne 0 ] || [ "$lost" -ne 0 ]; then
    failed=$((failed + 1))
    echo "---- $label: last lines of $log" >&2
    tail -n 40 "$log" >&2
    tail -n 20 "$logs/$file.out" >&2
  fi
}

for name in "${tests[@]}"; do
  exe=$(grep -o "\"executable\":\"[^\"]*/$name-[0-9a-f]*\"" "$build_log" | head -n 1 | cut -d'"' -f4)
  if [ -z "$exe" ]; then
    echo "error: no test binary found for $name" >&2
    exit 1
  fi
  # One test thread: the output stays readable and memcheck's serialised
  # scheduler gains nothing from more.
  check "mtml/$name" "$exe" --test-threads=1 -q
done

conformance=$(find "$target"/debug/build/mtml-ctests-*/out -type f -name conformance -perm -u+x 2>/dev/null | head -n 1)
if [ -n "$conformance" ]; then
  check "tests/conformance" "$conformance"
else
  echo "error: the C conformance program was not built" >&2
  failed=$((failed + 1))
fi

# mtml-smi as a user builds it (runtime loading, simulator embedded): every
# view on the embedded simulator, and the error path without a library.
cargo build -p mtml-smi >/dev/null 2>&1 || cargo build -p mtml-smi
smi="$target/debug/mtml-smi"
export NO_COLOR=1
smi_views=(
  ""
  "-L"
  "-q"
  "--query-gpu=index,name,pci.bus_id,temperature.gpu,power.draw,memory.used,memory.total,utilization.gpu --format=csv"
  "topo -m"
  "mtlink"
  "--json"
  "-q --json"
  "capture"
)
for view in "${smi_views[@]}"; do
  # shellcheck disable=SC2086
  MTML_SMI_SIM=1 check "mtml-smi --sim $view" "$smi" $view
done
MTML_LIBRARY_PATH=/nonexistent/libmtml.so.2 expect_status=1 \
  check "mtml-smi (no libmtml)" "$smi"

echo "valgrind memcheck: $programs programs, $errors_total errors, $lost_total bytes definitely lost, $failed failed"
[ "$failed" -eq 0 ]
