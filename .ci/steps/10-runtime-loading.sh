#!/usr/bin/env bash
# Runtime loading (issue 6): every supported feature combination builds,
# mtml's whole test suite passes with libmtml loaded at run time from the
# simulator's shared library (plus the bundled simulator, a library lacking
# a function, and MTML_LIBRARY_PATH), the runtime-loading function table has
# a fresh checked-in fallback, and a runtime-loading binary has no link-time
# dependency on libmtml. Costs about 2-3 minutes on 2 cores after the core
# checks (which built the shared dependencies already).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

. .ci/lib.sh
ensure_command readelf binutils

echo "--- feature combinations (cargo check)"
# The plain driver link (no features) needs an installed libmtml and is
# what the core checks cover through the simulator; the rest is checked here.
for combo in \
  "-p mtml-sys --features runtime-loading" \
  "-p mtml-sys --features runtime-loading,sim" \
  "-p mtml-sys --features sim,static" \
  "-p mtml --features sim" \
  "-p mtml --features sim,serde" \
  "-p mtml --features runtime-loading" \
  "-p mtml --features runtime-loading,sim" \
  "-p mtml --features bundled-sim" \
  "-p mtml --features bundled-sim,sim,serde" \
  "-p mtml-sim --features runtime-loading,bundle"; do
  echo "cargo check $combo"
  # shellcheck disable=SC2086
  cargo check -q $combo
done

echo "--- mtml test suite, libmtml loaded at run time from the simulator"
cargo test -q -p mtml --features bundled-sim,sim

# In `cargo test --workspace` mtml-smi's features (runtime-loading) reach
# mtml through feature unification, so the core run above is the
# runtime-loaded one; this run is mtml on its own, linked to the simulator.
echo "--- mtml test suite, simulator linked at build time"
cargo test -q -p mtml

echo "--- runtime-loading table: fresh bindgen output equals the checked-in copy"
cargo test -q -p mtml-sys --features runtime-loading,sim --test pregenerated

echo "--- runtime-loading table without libclang (pregenerated fallback)"
fallback_log="$(mktemp)"
if ! LIBCLANG_PATH=/nonexistent CARGO_TARGET_DIR="$CARGO_TARGET_DIR/no-libclang" \
  cargo test -p mtml-sys --features runtime-loading,sim 2>&1 | tee "$fallback_log"; then
  echo "error: mtml-sys with runtime-loading does not build or test without libclang" >&2
  exit 1
fi
grep -q "using the pregenerated bindings" "$fallback_log" || {
  echo "error: the build without libclang did not take the pregenerated path" >&2
  exit 1
}
rm -f "$fallback_log"

echo "--- one binary: no libmtml linked; missing library, MTML_LIBRARY_PATH, --sim"
cargo build -q -p mtml --features bundled-sim --example runtime_loading
example="$CARGO_TARGET_DIR/debug/examples/runtime_loading"
if readelf -d "$example" | grep NEEDED | grep -q mtml; then
  echo "error: the runtime-loading example links libmtml" >&2
  exit 1
fi
if out="$(MTML_LIBRARY_PATH=/nonexistent/libmtml.so.2 "$example" 2>&1)"; then
  echo "error: the example succeeded without a library" >&2
  exit 1
fi
echo "$out"
grep -q "no Moore Threads driver library" <<<"$out"
sim_lib="$(find "$CARGO_TARGET_DIR/debug/build" -path '*/mtml-sim-*/out/lib/libmtml.so.2' | head -n 1)"
[ -n "$sim_lib" ] || { echo "error: the simulator's libmtml.so.2 was not built" >&2; exit 1; }
out="$(MTML_LIBRARY_PATH="$sim_lib" "$example")"
echo "$out" | head -n 3
grep -qx "library: $sim_lib" <<<"$out"
out="$("$example" --sim)"
echo "$out" | head -n 3
grep -q "^library: /proc/self/fd/" <<<"$out"
echo "runtime loading works"

echo "--- mtml-smi: one binary without libmtml, the embedded simulator, MTML_LIBRARY_PATH"
# Built on its own, as a user builds it: no simulator features unified in.
cargo build -q -p mtml-smi
smi="$CARGO_TARGET_DIR/debug/mtml-smi"
if readelf -d "$smi" | grep NEEDED | grep -q mtml; then
  echo "error: mtml-smi links libmtml" >&2
  exit 1
fi
status=0
out="$(MTML_LIBRARY_PATH=/nonexistent/libmtml.so.2 "$smi" 2>&1)" || status=$?
echo "$out"
[ "$status" -eq 1 ] || { echo "error: mtml-smi without a library exited with $status, not 1" >&2; exit 1; }
grep -q "no Moore Threads driver library found" <<<"$out"
"$smi" --sim -L | tee /dev/stderr | grep -q "^GPU 0: MTT S4000"
MTML_SMI_SIM=1 "$smi" -L | grep -q "^GPU 8: MTT S80"
MTML_LIBRARY_PATH="$sim_lib" "$smi" -L | grep -q "^GPU 0: MTT S4000"
echo "mtml-smi runs without libmtml, with --sim, MTML_SMI_SIM=1 and MTML_LIBRARY_PATH"
