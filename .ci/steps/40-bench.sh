#!/usr/bin/env bash
# Benchmarks, so they never rot: every criterion bench and the harness run
# once in test mode (no timing), in both of mtml's modes (linked, as
# `cargo bench -p mtml`; runtime-loading, as in a workspace build with
# mtml-smi, whose views bench runs once too), and the callgrind script runs
# in its quick mode. Nothing here is timed and no number can fail the step;
# it fails only when a bench does not build, a case errors, or the raw
# snapshot no longer makes the same calls as Device::snapshot. Costs about
# 1 minute on a warm target directory (two release builds of mtml, one of
# mtml-smi, about 15 s of callgrind), about 3 minutes from cold.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

if ! command -v valgrind >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends valgrind ||
    { $sudo apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends valgrind; }
fi

# The simulator's warning check (MTML_SIM_WERROR) belongs to the debug
# builds of the core checks; gcc's -O2 adds false -Wmaybe-uninitialized
# reports in csrc/config.c, so the release builds here do not make
# warnings errors.
unset MTML_SIM_WERROR

echo "--- mtml linked: criterion benches and harness, once each (cargo bench -- --test)"
cargo bench -p mtml --benches -- --test

# With mtml-smi in the same build its features (runtime-loading,
# bundled-sim) reach mtml, so the mtml benches run through the loaded
# function table here.
echo "--- mtml runtime-loading and mtml-smi: benches once each (cargo bench -- --test)"
cargo bench -p mtml -p mtml-smi --benches -- --test

echo "--- instruction counts, quick mode (bench/callgrind.sh --quick)"
bench/callgrind.sh --quick --no-pymtml
