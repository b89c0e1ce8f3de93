#!/usr/bin/env bash
# Load and summarise a 1,000,000-row long CSV: `peel-explorer summary` against pandas
# (read_csv + groupby) on the same file, side by side: the two commands take turns, N
# runs each, so both meet the same machine; prints the medians and their ratio.
#
#   cargo build --release && pip install pandas
#   bash benches/summary_vs_pandas.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
big=$(mktemp --suffix=.csv)
stats=$(mktemp)
trap 'rm -f "$big" "$stats"' EXIT
target/release/peel-explorer generate --forces 50000 --periods 20 --output "$big" --force
echo "file: $(wc -l < "$big") lines, $(du -h "$big" | cut -f1)"

peel=(target/release/peel-explorer summary --no-builtin --data "$big")
pandas=(python3 benches/pandas_summary.py "$big")
"${peel[@]}" >/dev/null 2>&1   # warm the file cache and both programs
"${pandas[@]}" >/dev/null 2>&1
peel_runs=() pandas_runs=()
for _ in $(seq "$runs"); do
  /usr/bin/time -o "$stats" -f "%e %M" "${peel[@]}" >/dev/null 2>&1
  peel_runs+=("$(tail -1 "$stats")")
  /usr/bin/time -o "$stats" -f "%e %M" "${pandas[@]}" >/dev/null 2>&1
  pandas_runs+=("$(tail -1 "$stats")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{t[NR]=$1; m[NR]=$2} END {i=int((NR+1)/2); print t[i], m[i]}'; }
read -r pt pm <<<"$(median "${peel_runs[@]}")"
read -r qt qm <<<"$(median "${pandas_runs[@]}")"
printf '%-14s median %.3f s, peak RSS %d KiB\n' peel-explorer "$pt" "$pm"
printf '%-14s median %.3f s, peak RSS %d KiB\n' pandas "$qt" "$qm"
awk -v a="$pt" -v b="$qt" 'BEGIN {printf "peel-explorer is %.2fx faster\n", b / a}'
