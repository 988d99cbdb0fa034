#!/usr/bin/env bash
# Sets up a Debian or Ubuntu machine for mtml-rs, then runs the command it
# was given (if any) with the Rust toolchain on PATH:
#
#   scripts/bootstrap.sh cargo test --workspace
#
# Installs only what is missing: a C compiler (for the simulator),
# pkg-config (to find a driver's libmtml), libclang (for bindgen; without it
# the checked-in bindings are used) and, when there is no Rust toolchain,
# rustup's stable toolchain. Safe to run again; quiet when all is present.
set -euo pipefail

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"

need=()
command -v cc >/dev/null 2>&1 || need+=(gcc libc6-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if ! ldconfig -p 2>/dev/null | grep -q 'libclang\(-[0-9.]*\)\?\.so'; then
  need+=(libclang-dev)
fi
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
if ! command -v cargo >/dev/null 2>&1; then
  command -v curl >/dev/null 2>&1 || need+=(curl ca-certificates)
fi

if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: installing ${need[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "bootstrap: please install: ${need[*]} (no apt-get here)" >&2
    exit 1
  fi
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "bootstrap: installing the stable Rust toolchain with rustup" >&2
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal >&2
  . "$HOME/.cargo/env"
fi

if [ $# -gt 0 ]; then
  exec "$@"
fi
