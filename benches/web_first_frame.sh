#!/usr/bin/env bash
# The browser build's first frame, side by side with a minimal eframe page built and packed
# the same way: each page opened from disk in headless Chromium (SwiftShader WebGL, the
# network blocked), timed from the start of page load to the app's first frame (the
# "first frame after N ms" each writes to the console). Prints the median of N runs of each
# and their ratio.
#
#   bash scripts/package.sh web web-minimal
#   bash benches/web_first_frame.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
dir=$(realpath "${CARGO_TARGET_DIR:-target}")/web
for page in peel-explorer minimal-web; do
  [ -f "$dir/$page.html" ] || { echo "error: $dir/$page.html not found" >&2; exit 1; }
done
flags=(--headless=new --no-sandbox --use-angle=swiftshader --enable-unsafe-swiftshader
  --host-resolver-rules="MAP * ~NOTFOUND" --window-size=1366,768 --no-first-run
  --enable-logging=stderr --v=0)

# Milliseconds to the first frame of one page, in a fresh browser profile.
first_frame() {
  local log profile
  log=$(mktemp)
  profile=$(mktemp -d)
  chromium "${flags[@]}" --user-data-dir="$profile" "file://$1" 2>"$log" &
  local pid=$! i
  for i in $(seq 600); do
    grep -q "first frame after" "$log" && break
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  grep -o "first frame after [0-9]*" "$log" | head -1 | grep -o "[0-9]*$" || echo 0
  rm -rf "$log" "$profile" 2>/dev/null || true
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

app=$(mktemp)
minimal=$(mktemp)
# The two pages take turns, so both meet the same spells of a busy machine.
for _ in $(seq "$runs"); do
  first_frame "$dir/peel-explorer.html" >>"$app"
  first_frame "$dir/minimal-web.html" >>"$minimal"
done
a=$(median <"$app")
m=$(median <"$minimal")
echo "peel-explorer.html: $(stat -c %s "$dir/peel-explorer.html") bytes, first frame $a ms (median of $runs)"
echo "minimal-web.html:   $(stat -c %s "$dir/minimal-web.html") bytes, first frame $m ms (median of $runs)"
awk -v a="$a" -v m="$m" 'BEGIN { if (m > 0) printf "ratio: %.2f\n", a / m }'
rm -f "$app" "$minimal"
