#!/usr/bin/env bash
# Start-up to first frame and peak memory: PEEL Explorer on its built-in data against a
# minimal eframe window with the same backend, both under Xvfb, both closing after their
# first frame. Prints the median wall time and the median peak resident memory of N runs.
#
#   cargo build --release --bin peel-explorer --example minimal_window
#   bash benches/startup.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
export PEEL_EXIT_AFTER_FIRST_FRAME=1
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
export XDG_DATA_HOME=$(mktemp -d)   # no saved settings: a first start
if [ -z "${DISPLAY:-}" ]; then
  export DISPLAY=:97
  Xvfb :97 -screen 0 1366x768x24 >/dev/null 2>&1 &
  xvfb=$!
  trap 'kill $xvfb' EXIT
  sleep 1
fi

stats=$(mktemp)
measure() {
  local name=$1; shift
  local times=() rss=()
  "$@" >/dev/null 2>&1 || true   # warm the file cache
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$stats" -f "%e %M" "$@" >/dev/null 2>&1 || true
    out=$(tail -1 "$stats")
    times+=("${out% *}"); rss+=("${out#* }")
  done
  local t m
  t=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  m=$(printf '%s\n' "${rss[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-18s median %.3f s to first frame and exit, median peak RSS %d KiB\n' "$name" "$t" "$m"
}

measure minimal_window target/release/examples/minimal_window
measure peel-explorer target/release/peel-explorer
