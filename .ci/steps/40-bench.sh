#!/usr/bin/env bash
# Benchmarks, so they never rot: every criterion bench and the harness run
# once in test mode (no timing), in both of mtml's modes (linked, as
# `cargo bench -p mtml`; runtime-loading, as in a workspace build with
# mtml-smi, whose views bench runs once too), and the callgrind script runs
# in its quick mode. Nothing here is timed and no number can fail the step;
# it fails only when a bench does not build, a case errors, or the raw
# snapshot no longer makes the same calls as Device::snapshot.
#
# The benches build at opt-level 1 here (CARGO_PROFILE_BENCH_OPT_LEVEL,
# unless already set): what is checked does not depend on it, and it
# halves the two release builds. So the instruction counts this step
# prints are not those of BENCHMARKS.md, which come from the real
# `bench` profile. Costs about 2 minutes from cold on 2 shared cores (two
# builds of about 50 s each, then about 10 s of running), about 10 s warm.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

. .ci/lib.sh
ensure_command valgrind valgrind

# The simulator's warning check (MTML_SIM_WERROR) belongs to the debug
# builds of the core checks; gcc's -O2 adds false -Wmaybe-uninitialized
# reports in csrc/config.c, so the release builds here do not make
# warnings errors.
unset MTML_SIM_WERROR
export CARGO_PROFILE_BENCH_OPT_LEVEL="${CARGO_PROFILE_BENCH_OPT_LEVEL:-1}"

echo "--- mtml linked: criterion benches and harness, once each (cargo bench -- --test)"
cargo bench -p mtml --benches -- --test

# With mtml-smi in the same build its features (runtime-loading,
# bundled-sim) reach mtml, so the mtml benches run through the loaded
# function table here.
echo "--- mtml runtime-loading and mtml-smi: benches once each (cargo bench -- --test)"
cargo bench -p mtml -p mtml-smi --benches -- --test

echo "--- instruction counts, quick mode (bench/callgrind.sh --quick)"
bench/callgrind.sh --quick --no-pymtml
