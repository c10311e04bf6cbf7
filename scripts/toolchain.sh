#!/usr/bin/env bash
# The project's Node toolchain: Node 24 LTS from the npm registry (the package
# node-<os>-<arch> carries bin/node and the headers in include/node), cached
# outside the clone and put first on PATH.
#
#   source scripts/toolchain.sh        this shell uses it from now on
#   scripts/toolchain.sh npm test      one command under it
#
# Nothing is installed when the Node already on PATH is 22.12 or newer, unless
# MARQUEE_TOOLCHAIN=always. The cache is $MARQUEE_TOOLCHAIN_DIR, defaulting to
# ${XDG_CACHE_HOME:-~/.cache}/marquee/toolchain. npm_config_nodedir points at
# the headers so that a native build never downloads them.

marquee_node_version=24.22.3
marquee_node_minimum=22.12.0

marquee_toolchain() {
  local have
  have=$(node -p 'process.versions.node' 2>/dev/null || echo 0.0.0)
  if [ "${MARQUEE_TOOLCHAIN:-}" != always ] && [ "$(printf '%s\n%s\n' "$marquee_node_minimum" "$have" | sort -V | head -n1)" = "$marquee_node_minimum" ]; then
    return 0
  fi

  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) echo "toolchain: no Node package for $(uname -s); install Node $marquee_node_version yourself" >&2; return 1 ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "toolchain: no Node package for $(uname -m); install Node $marquee_node_version yourself" >&2; return 1 ;;
  esac

  local cache="${MARQUEE_TOOLCHAIN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/marquee/toolchain}"
  local home="$cache/node-v$marquee_node_version-$os-$arch"
  if [ ! -x "$home/bin/node" ]; then
    echo "toolchain: installing Node $marquee_node_version ($os-$arch) into $home" >&2
    local tmp
    tmp=$(mktemp -d "$cache.tmp.XXXXXX" 2>/dev/null || { mkdir -p "$cache" && mktemp -d "$cache.tmp.XXXXXX"; }) || return 1
    # npm pack checks the tarball against the registry's integrity hash.
    if ! (cd "$tmp" && npm pack --silent "node-$os-$arch@$marquee_node_version" >/dev/null &&
      tar -xzf "node-$os-$arch-$marquee_node_version.tgz" && "package/bin/node" --version >/dev/null); then
      echo "toolchain: could not install node-$os-$arch@$marquee_node_version from the npm registry" >&2
      rm -rf "$tmp"
      return 1
    fi
    mkdir -p "$cache"
    rm -rf "$home"
    # A rename, so an interrupted install never leaves a half-unpacked Node behind.
    mv "$tmp/package" "$home" && rm -rf "$tmp"
  fi
  export PATH="$home/bin:$PATH"
  export npm_config_nodedir="$home"
  hash -r 2>/dev/null || true
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  marquee_toolchain
else
  set -euo pipefail
  marquee_toolchain
  if [ $# -gt 0 ]; then exec "$@"; fi
  echo "Node $(node --version) at $(command -v node)"
fi
