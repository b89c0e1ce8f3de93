#!/usr/bin/env bash
# Start-up to first frame and peak memory: PEEL Explorer on its built-in data against a
# minimal eframe window with the same backend, both under Xvfb, both closing after their
# first frame. Prints the median wall time and the median peak resident memory of N runs.
#
#   cargo build --release --bin peel-explorer --example minimal_window
#   bash benches/startup.sh [N]
#
# PROFILE=dist times the `dist` builds instead; PEEL_RENDERER=glow (or wgpu) times both
# with that renderer (the minimal window follows it too).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
bin=${CARGO_TARGET_DIR:-target}/${PROFILE:-release}
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
# The two programs take turns, run by run, so that both meet the same spells of a busy
# machine (the other load on a shared machine moves these times by 50% or more).
declare -A times rss
once() {
  local name=$1; shift
  # Wall time to the nanosecond (time's own %e has only 10 ms steps); peak memory from time.
  local start end
  start=$(date +%s%N)
  /usr/bin/time -o "$stats" -f "%M" "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  times[$name]+="$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", (b - a) / 1e9}') "
  rss[$name]+="$(tail -1 "$stats") "
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
minimal=(minimal_window "$bin/examples/minimal_window")
peel=(peel-explorer "$bin/peel-explorer")
"${minimal[@]:1}" >/dev/null 2>&1 || true   # warm the file cache
"${peel[@]:1}" >/dev/null 2>&1 || true
for _ in $(seq "$runs"); do
  once "${minimal[@]}"
  once "${peel[@]}"
done
for name in minimal_window peel-explorer; do
  printf '%-18s median %.3f s to first frame and exit, median peak RSS %d KiB\n' "$name" \
    "$(echo "${times[$name]}" | median)" "$(echo "${rss[$name]}" | median)"
done
t_min=$(echo "${times[minimal_window]}" | median)
t_peel=$(echo "${times[peel-explorer]}" | median)
awk -v a="$t_peel" -v b="$t_min" 'BEGIN {printf "ratio              %.2fx\n", a / b}'
