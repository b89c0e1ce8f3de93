#!/usr/bin/env bash
# Makes what users download, in <cargo target dir>/dist/:
#   peel-explorer-VERSION-windows-x86_64.zip        unzip and double-click peel-explorer.exe
#   peel-explorer-VERSION-windows-x86_64-setup.exe  per-user installer (if makensis is there)
#   peel-explorer_VERSION-1_amd64.deb               Debian/Ubuntu package (cargo-deb)
# All from the `dist` profile (stripped, thin LTO).
#
#   bash scripts/package.sh [windows] [linux]      (both when none is named)
#
# Needs: for Windows, `rustup target add x86_64-pc-windows-gnu`, MinGW (Debian:
# gcc-mingw-w64-x86-64), zip, and nsis for the installer; for Linux, `cargo install
# cargo-deb`.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
target_dir=$(cargo metadata --format-version 1 --no-deps |
  grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)
out=$target_dir/dist
mkdir -p "$out"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(windows linux)

windows() {
  local triple=x86_64-pc-windows-gnu
  cargo build --profile dist --target "$triple" --bin peel-explorer --bin peel-explorer-console
  local bin=$target_dir/$triple/dist
  local name=peel-explorer-$version
  local stage
  stage=$(mktemp -d)
  mkdir "$stage/$name"
  cp "$bin/peel-explorer.exe" "$stage/$name/peel-explorer.exe"
  cp "$bin/peel-explorer-console.exe" "$stage/$name/peel-explorer.com"
  sed 's/$/\r/' packaging/windows/README.txt >"$stage/$name/README.txt"
  local zip=$out/peel-explorer-$version-windows-x86_64.zip
  rm -f "$zip"
  (cd "$stage" && zip -q -X -r "$zip" "$name")
  echo "$zip"
  if command -v makensis >/dev/null; then
    local setup=$out/peel-explorer-$version-windows-x86_64-setup.exe
    makensis -V2 -DVERSION="$version" -DSTAGE="$stage/$name" -DICON="$PWD/assets/icon.ico" \
      -DOUTFILE="$setup" packaging/windows/installer.nsi >&2
    echo "$setup"
  else
    echo "note: makensis not found (Debian: nsis); no installer made" >&2
  fi
  rm -rf "$stage"
}

linux() {
  if ! command -v cargo-deb >/dev/null; then
    echo "error: cargo-deb not found: cargo install cargo-deb --locked" >&2
    return 1
  fi
  cargo deb --profile dist --output "$out"
}

for t in "${targets[@]}"; do
  case $t in
  windows) windows ;;
  linux) linux ;;
  *)
    echo "usage: $0 [windows] [linux]" >&2
    exit 2
    ;;
  esac
done
