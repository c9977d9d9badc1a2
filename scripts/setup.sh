#!/usr/bin/env bash
# Idempotent set-up of everything the build and the tests need, on a fresh machine or an old one.
# Each step first checks whether its work is already done, so a second run takes a few seconds.
#
#   1. the wasm32-unknown-unknown Rust target
#   2. wasm-bindgen-cli at exactly the version pinned in the workspace Cargo.toml
#   3. Debian's chromium and chromium-driver (for the browser tests; never a downloaded browser)
#   4. the npm devDependencies from package-lock.json (npm ci)
#
# Environment: CARGO_BUILD_JOBS (default 2, the machine is shared), QINGLIAN_SKIP_APT=1 to skip step 3.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"

step_start=0
begin() { step_start=$EPOCHREALTIME; printf 'setup: %s ...\n' "$1"; }
done_() { awk -v a="$step_start" -v b="$EPOCHREALTIME" -v m="$1" 'BEGIN { printf "setup: %s (%.1fs)\n", m, b - a }'; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- 1. Rust target -------------------------------------------------------------------------------
begin "rust target wasm32-unknown-unknown"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  done_ "rust target wasm32-unknown-unknown already installed"
else
  rustup target add wasm32-unknown-unknown
  done_ "rust target wasm32-unknown-unknown installed"
fi

# --- 2. wasm-bindgen-cli, same version as the wasm-bindgen crate ---------------------------------
# Accepts `wasm-bindgen = "=0.2.130"` and `wasm-bindgen = { version = "=0.2.130", ... }`.
wb_version=$(sed -nE 's/^wasm-bindgen[[:space:]]*=[[:space:]]*(\{[^}]*version[[:space:]]*=[[:space:]]*)?"=?([0-9]+\.[0-9]+\.[0-9]+)".*/\2/p' Cargo.toml | head -n1)
if [ -z "$wb_version" ]; then
  echo "setup: cannot find the wasm-bindgen version in Cargo.toml" >&2
  exit 1
fi
begin "wasm-bindgen-cli $wb_version"
have=$(wasm-bindgen --version 2>/dev/null || true)
if [ "$have" = "wasm-bindgen $wb_version" ]; then
  done_ "wasm-bindgen-cli $wb_version already installed"
else
  echo "setup: found '${have:-no wasm-bindgen}', installing wasm-bindgen-cli $wb_version (about 2-4 minutes)"
  # --locked reproduces the CLI's own lockfile. If the registry no longer serves a version locked
  # there (this happened with webpki-roots 1.0.11), fall back to a fresh resolution of the same CLI.
  if ! cargo install --locked wasm-bindgen-cli --version "$wb_version"; then
    echo "setup: 'cargo install --locked' failed; retrying without --locked" >&2
    cargo install wasm-bindgen-cli --version "$wb_version"
  fi
  done_ "wasm-bindgen-cli $wb_version installed"
fi

# --- 3. Chromium from Debian ----------------------------------------------------------------------
begin "chromium"
# fonts-noto-cjk: the page is Chinese first; without CJK fonts the screenshots show empty boxes.
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -d /usr/share/fonts/opentype/noto ]; then
  done_ "chromium already installed ($(/usr/bin/chromium --version 2>/dev/null | head -n1))"
elif [ "${QINGLIAN_SKIP_APT:-0}" = 1 ]; then
  done_ "chromium missing, skipped (QINGLIAN_SKIP_APT=1)"
else
  as_root apt-get update
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y chromium chromium-driver fonts-noto-cjk
  done_ "chromium installed"
fi

# --- 4. npm devDependencies ------------------------------------------------------------------------
# `npm ci` always wipes node_modules, so it only runs when package-lock.json changed since the last
# successful install (recorded in node_modules/.qinglian-lock.sha256).
begin "npm ci"
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.qinglian-lock.sha256
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
  done_ "node_modules up to date with package-lock.json"
else
  npm ci --no-audit --no-fund
  echo "$lock_hash" >"$stamp"
  done_ "npm ci finished"
fi
