#!/usr/bin/env bash
# Reliability checks beyond `cargo test --workspace`, which already runs the
# fault sweep (mtml/tests/fault_sweep.rs), the hostile-data tests
# (hostile.rs) and the 8-thread stress test (stress.rs). This step adds:
#   1. valgrind memcheck over a subset of mtml's integration tests and the
#      C conformance program (scripts/valgrind.sh; 0 errors, 0 bytes
#      definitely lost);
#   2. a fuzz smoke run: both cargo-fuzz targets built with cargo-fuzz's
#      flags on the stable toolchain, regression inputs replayed, then 15 s
#      of fuzzing each (scripts/fuzz.sh);
#   3. a data-race check: the C stress program (tests/stress) under
#      helgrind and DRD, 8 iterations per thread (scripts/helgrind.sh;
#      0 reports).
# See RELIABILITY.md for what each covers and the measured cost.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

. .ci/lib.sh
ensure_command valgrind valgrind
# libFuzzer (built by libfuzzer-sys) needs a C++ compiler.
ensure_command c++ g++

started=$SECONDS
# The sweep and hostile tests open about 2,000 library instances: the
# heaviest users of the simulator's handle arena and of every wrapper.
scripts/valgrind.sh fault_sweep hostile stress library snapshot
echo "valgrind step: $((SECONDS - started))s"

started=$SECONDS
scripts/helgrind.sh 8
echo "data-race step: $((SECONDS - started))s"

started=$SECONDS
scripts/fuzz.sh "${MTML_FUZZ_SECONDS:-15}"
echo "fuzz smoke step: $((SECONDS - started))s"
