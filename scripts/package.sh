#!/usr/bin/env bash
# Makes what users download, in <cargo target dir>/dist/:
#   peel-explorer-VERSION-windows-x86_64.zip        unzip and double-click peel-explorer.exe
#   peel-explorer-VERSION-windows-x86_64-setup.exe  per-user installer (if makensis is there)
#   peel-explorer_VERSION-1_amd64.deb               Debian/Ubuntu package (cargo-deb)
# All from the `dist` profile (stripped, thin LTO). And, when asked for by name:
#   <cargo target dir>/web/peel-explorer.html       the browser build, one file
#
#   bash scripts/package.sh [windows] [linux] [web]  (windows and linux when none is named)
#
# Needs: for Windows, `rustup target add x86_64-pc-windows-gnu`, MinGW (Debian:
# gcc-mingw-w64-x86-64), zip, and nsis for the installer; for Linux, `cargo install
# cargo-deb`; for the web, `rustup target add wasm32-unknown-unknown`, `cargo install
# wasm-bindgen-cli --version 0.2.130` (the version of the wasm-bindgen crate) and
# binaryen's wasm-opt (Debian: binaryen).
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

# The browser build as one HTML file that opens from disk: the app compiled to WebAssembly,
# its JavaScript glue (wasm-bindgen) and the module (made smaller by wasm-opt, gzipped and
# base64-encoded) put into scripts/web/page.html. Nothing is fetched when it runs.
# With an argument, that package's program instead (benches/web_first_frame.sh packs
# minimal-web, crates/minimal-web).
web() {
  local what=(--bin peel-explorer) name=peel-explorer
  if [ $# -gt 0 ]; then
    what=(-p "$1")
    name=$1
  fi
  local bindgen=0.2.130
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $bindgen\$"; then
    echo "error: wasm-bindgen $bindgen not found: cargo install wasm-bindgen-cli --version $bindgen" >&2
    return 1
  fi
  if ! command -v wasm-opt >/dev/null; then
    echo "error: wasm-opt not found (Debian: apt-get install binaryen)" >&2
    return 1
  fi
  cargo build --profile wasm --target wasm32-unknown-unknown "${what[@]}"
  local stage
  stage=$(mktemp -d)
  # wasm-opt before wasm-bindgen: Debian 12's binaryen (108) turns the table of JavaScript
  # values wasm-bindgen adds into one the browser refuses, so it works on rustc's module.
  # -O1 takes 10 seconds for most of what -Oz (two minutes) saves; the page gzips the rest.
  wasm-opt -O1 --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-multivalue \
    "$target_dir/wasm32-unknown-unknown/wasm/$name.wasm" -o "$stage/app.wasm"
  wasm-bindgen --target no-modules --no-typescript --out-dir "$stage" "$stage/app.wasm"
  gzip -9 -n -c "$stage/app_bg.wasm" | base64 -w 76 >"$stage/app.b64"
  local page=$target_dir/web/$name.html
  mkdir -p "$(dirname "$page")"
  awk -v glue="$stage/app.js" -v wasm="$stage/app.b64" '
    /@@GLUE@@/ { while ((getline line < glue) > 0) print line; next }
    /@@WASM@@/ { while ((getline line < wasm) > 0) print line; next }
    { print }' scripts/web/page.html >"$page"
  rm -rf "$stage"
  echo "$page"
}

for t in "${targets[@]}"; do
  case $t in
  windows) windows ;;
  linux) linux ;;
  web) web ;;
  web-minimal) web minimal-web ;;
  *)
    echo "usage: $0 [windows] [linux] [web]" >&2
    exit 2
    ;;
  esac
done
