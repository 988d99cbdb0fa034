#!/usr/bin/env bash
# Builds the cargo-fuzz targets of fuzz/ and runs each for a bounded time,
# then replays the kept regression inputs. Works on a stable toolchain: it
# passes the same flags `cargo fuzz build` does (coverage instrumentation,
# AddressSanitizer, debug assertions), with RUSTC_BOOTSTRAP=1 for the one
# unstable flag (-Zsanitizer), so cargo-fuzz itself need not be installed.
#
# Usage: scripts/fuzz.sh [SECONDS [TARGET ...]]
#   SECONDS: fuzzing time per target (default 15; 0 = replay only).
#   TARGET: config_parser, c_strings (default: both).
# Corpora live in fuzz/corpus/<target> (not committed; the config corpus
# is seeded from mtml-sim/configs); crashes in fuzz/artifacts/<target>.
# Inputs of fixed findings are committed in fuzz/regressions/<target>.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
seconds="${1:-15}"
shift || true
if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=(config_parser c_strings)
fi

host=$(rustc -vV | sed -n 's/^host: //p')
export RUSTC_BOOTSTRAP=1
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Zsanitizer=address \
-Cdebug-assertions -Coverflow-checks -Cforce-frame-pointers"
# The target triple keeps RUSTFLAGS off build scripts and proc macros.
fuzz_target_dir="${CARGO_TARGET_DIR:-$root/target}/fuzz"
cargo build --manifest-path fuzz/Cargo.toml --release --target "$host" \
  --target-dir "$fuzz_target_dir" --bins
bin_dir="$fuzz_target_dir/$host/release"

mkdir -p fuzz/corpus/config_parser fuzz/corpus/c_strings
cp -n mtml-sim/configs/*.conf fuzz/corpus/config_parser/ 2>/dev/null || true

status=0
for target in "${targets[@]}"; do
  mkdir -p "fuzz/artifacts/$target"
  regressions=()
  [ -d "fuzz/regressions/$target" ] && regressions=("fuzz/regressions/$target")
  if [ ${#regressions[@]} -gt 0 ]; then
    echo "== $target: replaying $(ls "fuzz/regressions/$target" | wc -l) regression input(s)"
    "$bin_dir/$target" -runs=0 "${regressions[@]}" || status=1
  fi
  if [ "$seconds" -gt 0 ]; then
    echo "== $target: fuzzing for ${seconds}s"
    # -rss_limit_mb: the simulator's handle arena grows with every instance.
    log="fuzz/artifacts/$target/last-run.log"
    run_status=0
    "$bin_dir/$target" -max_total_time="$seconds" -rss_limit_mb=4096 \
      -artifact_prefix="fuzz/artifacts/$target/" -print_final_stats=1 \
      "fuzz/corpus/$target" >"$log" 2>&1 || run_status=$?
    grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::new_units_added|SUMMARY)|panicked" "$log" || true
    if [ "$run_status" -ne 0 ]; then
      tail -n 40 "$log" >&2
      echo "error: $target found a failing input (see fuzz/artifacts/$target)" >&2
      status=1
    fi
  fi
done
exit "$status"
