#!/usr/bin/env bash
# Prepares a Debian/Ubuntu machine for the VS Code tests (test/vscode/):
#   - chromium (the browser the workbench runs in), ripgrep and libkrb5-dev (code-server's
#     native modules need the Kerberos headers to build);
#   - the download cache of @vscode/ripgrep, which code-server's postinstall reads instead of
#     fetching ripgrep from GitHub: a tarball holding the system's `rg`;
#   - code-server itself (test/vscode/package.json), kept out of the project's dependencies so that
#     a plain `npm ci` of the project never builds native modules or needs that cache.
# Idempotent: installs only what is missing, rebuilds the tarball only when it is absent or broken.
# Run as root (or with sudo available).
set -euo pipefail

PACKAGES=(chromium ripgrep libkrb5-dev)
RIPGREP_NPM_VERSION=1.15.11                      # @vscode/ripgrep, pinned by code-server's shrinkwrap
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
CACHE_DIR="${TMPDIR:-/tmp}"
CACHE_DIR="${CACHE_DIR%/}/vscode-ripgrep-cache-${RIPGREP_NPM_VERSION}"
TARBALL="$CACHE_DIR/$RIPGREP_ASSET"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing_packages() {
  local package
  for package in "${PACKAGES[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || printf '%s\n' "$package"
  done
}

# True when apt knows an installation candidate for every given package (the lists are fresh enough).
apt_has_candidates() {
  local package
  for package in "$@"; do
    apt-cache policy "$package" 2>/dev/null | grep -q 'Candidate: [^(]' || return 1
  done
}

install_packages() {
  local -a missing
  mapfile -t missing < <(missing_packages)
  if [ "${#missing[@]}" -eq 0 ]; then
    echo "setup: ${PACKAGES[*]} already installed"
    return
  fi
  local updated=""
  if ! apt_has_candidates "${missing[@]}"; then
    as_root apt-get update -qq
    updated="apt-get update, "
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  echo "setup: ${updated}installed ${missing[*]}"
}

tarball_is_valid() {
  [ -s "$TARBALL" ] && tar -tzf "$TARBALL" 2>/dev/null | grep -qx 'rg'
}

create_ripgrep_cache() {
  if tarball_is_valid; then
    echo "setup: ripgrep cache $TARBALL already present"
    return
  fi
  local rg_path staging
  rg_path="$(command -v rg)"
  staging="$(mktemp -d)"
  cp "$rg_path" "$staging/rg"
  mkdir -p "$CACHE_DIR"
  tar -czf "$TARBALL.partial" -C "$staging" rg
  mv "$TARBALL.partial" "$TARBALL"
  rm -rf "$staging"
  echo "setup: wrote ripgrep cache $TARBALL from $rg_path"
}

install_vscode() {
  local here
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  local pinned installed
  pinned="$(node -p "require('$here/package.json').devDependencies['code-server']")"
  installed="$(node -p "try { require('$here/node_modules/code-server/package.json').version } catch { '' }")"
  if [ "$installed" = "$pinned" ] && [ -f "$here/node_modules/code-server/lib/vscode/out/server-main.js" ]; then
    echo "setup: code-server $pinned already installed in $here/node_modules"
    return
  fi
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "setup: installed code-server $pinned in $here/node_modules"
}

install_packages
create_ripgrep_cache

install_vscode
