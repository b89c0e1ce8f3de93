"""The pandas baseline for `peel-explorer summary --no-builtin --data FILE`:
read the long CSV and count grades per year (national grouping), printing the same
table of counts. Run: python3 benches/pandas_summary.py big.csv"""
import sys

import pandas as pd

frame = pd.read_csv(sys.argv[1], dtype={"force": str, "year": str, "grade": str}, keep_default_na=False)
counts = frame.groupby(["year", "grade"]).size().unstack(fill_value=0)
print(counts.to_string())
