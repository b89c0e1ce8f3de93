#!/usr/bin/env bash
# Load and summarise a 1,000,000-row long CSV: `peel-explorer summary` against pandas
# (read_csv + groupby) on the same file, side by side, median of N runs each.
#
#   cargo build --release && pip install pandas
#   bash benches/summary_vs_pandas.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
big=$(mktemp --suffix=.csv)
trap 'rm -f "$big"' EXIT
target/release/peel-explorer generate --forces 50000 --periods 20 --output "$big" --force
echo "file: $(wc -l < "$big") lines, $(du -h "$big" | cut -f1)"

median() {
  local name=$1; shift
  "$@" >/dev/null 2>&1
  local stats times=()
  stats=$(mktemp)
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$stats" -f "%e %M" "$@" >/dev/null 2>&1
    times+=("$(tail -1 "$stats")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$name" '{t[NR]=$1; m[NR]=$2} END {i=int((NR+1)/2); printf "%-14s median %.3f s, peak RSS %d KiB\n", n, t[i], m[i]}'
}

median peel-explorer target/release/peel-explorer summary --no-builtin --data "$big"
median pandas python3 benches/pandas_summary.py "$big"
