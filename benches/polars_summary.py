"""The polars baseline for `peel-explorer summary --no-builtin --data FILE`:
read the long CSV and count grades per year (national grouping), printing the same
table of counts. polars reads on every core it finds. Run: python3 benches/polars_summary.py big.csv"""
import sys

import polars as pl

frame = pl.read_csv(sys.argv[1], infer_schema=False, empty_string_is_null=False)
counts = (
    frame.group_by(["year", "grade"])
    .len()
    .pivot(on="grade", index="year", values="len")
    .fill_null(0)
    .sort("year")
)
with pl.Config(tbl_rows=-1, tbl_cols=-1):
    print(counts)
