#!/usr/bin/env bash
# Installs what building mtml-rs needs on a Debian or Ubuntu machine, and
# nothing that is already there: a C compiler (for the simulator), pkg-config
# (to find a driver's libmtml) and libclang (for bindgen; without it the
# checked-in bindings are used). Safe to run again; quiet when all is present.
set -euo pipefail

need=()
command -v cc >/dev/null 2>&1 || need+=(gcc libc6-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if ! ldconfig -p 2>/dev/null | grep -q 'libclang\(-[0-9.]*\)\?\.so'; then
  need+=(libclang-dev)
fi

if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "bootstrap: installing ${need[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "bootstrap: please install: ${need[*]} (no apt-get here)" >&2
  fi
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "bootstrap: no Rust toolchain found; install one with rustup (https://rustup.rs), then run this again" >&2
  exit 1
fi
