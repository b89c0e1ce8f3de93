#!/usr/bin/env bash
# Load and summarise a 1,000,000-row long CSV: `peel-explorer summary` against pandas
# (read_csv + groupby) and polars (read_csv + group_by) on the same file, side by side:
# the three commands take turns, N runs each, so all meet the same machine; prints each
# one's median time and peak memory, and the ratios.
#
#   cargo build --release && pip install pandas polars
#   bash benches/summary_vs_pandas.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
big=$(mktemp --suffix=.csv)
stats=$(mktemp)
trap 'rm -f "$big" "$stats"' EXIT
target/release/peel-explorer generate --forces 50000 --periods 20 --output "$big" --force
echo "file: $(wc -l < "$big") lines, $(du -h "$big" | cut -f1); $runs runs each, in turns"

names=(peel-explorer pandas polars)
commands=(
  "target/release/peel-explorer summary --no-builtin --data $big"
  "python3 benches/pandas_summary.py $big"
  "python3 benches/polars_summary.py $big"
)
declare -A results
for i in "${!names[@]}"; do
  ${commands[$i]} >/dev/null 2>&1   # warm the file cache and each program
  results[$i]=""
done
for _ in $(seq "$runs"); do
  for i in "${!names[@]}"; do
    /usr/bin/time -o "$stats" -f "%e %M" ${commands[$i]} >/dev/null 2>&1
    results[$i]+="$(tail -1 "$stats")"$'\n'
  done
done
# Median time, and the peak memory of the median run.
median() { sort -n | awk 'NF {t[++n]=$1; m[n]=$2} END {i=int((n+1)/2); print t[i], m[i]}'; }
declare -a times
for i in "${!names[@]}"; do
  read -r t m <<<"$(printf '%s' "${results[$i]}" | median)"
  times[$i]=$t
  printf '%-14s median %.3f s, peak RSS %d KiB   (runs: %s)\n' "${names[$i]}" "$t" "$m" \
    "$(printf '%s' "${results[$i]}" | awk '{printf "%s ", $1}')"
done
for i in 1 2; do
  awk -v a="${times[0]}" -v b="${times[$i]}" -v n="${names[$i]}" \
    'BEGIN {printf "peel-explorer is %.2fx faster than %s\n", b / a, n}'
done
