"""The peer of `client-ladder segment` in the bench: the same job done the usual Python way.

pandas (with openpyxl) reads the client sheet; tiers by count (5% / 15% / 50% / 30% of clients by
premium), the ability x willingness quadrant cut at the medians, the top-20% share and the 80%
cutoff are computed with pandas; openpyxl opens the input workbook and writes a Segments sheet into
it, then saves the book as the output file. Prints the seconds of each phase as JSON.

usage: python3 segment_pandas.py in.xlsx out.xlsx SHEET
"""
import json
import sys
import time

import numpy as np
import openpyxl
import pandas as pd


def main(src: str, dst: str, sheet: str) -> None:
    t0 = time.perf_counter()
    df = pd.read_excel(src, sheet_name=sheet, engine="openpyxl")
    t1 = time.perf_counter()

    value = pd.to_numeric(df["年缴保费"], errors="coerce")
    valued = df.assign(value=value).dropna(subset=["value"]).sort_values("value", ascending=False, kind="stable")
    n = len(valued)
    rank = np.arange(1, n + 1)
    cum = valued["value"].cumsum() / valued["value"].sum()
    bounds = np.ceil(np.cumsum([0.05, 0.15, 0.5, 0.3]) * n)
    labels = np.array(["关键", "重点", "一般", "维持"])
    tier = labels[np.searchsorted(bounds, rank, side="left")]
    valued = valued.assign(rank=rank, cumulative=cum.values, tier=tier)
    ability = pd.to_numeric(valued["经济条件"], errors="coerce")
    willingness = pd.to_numeric(valued["意愿"], errors="coerce")
    high_a = ability >= ability.median()
    high_w = willingness >= willingness.median()
    quadrant = np.where(high_a & high_w, "宠爱", np.where(high_a, "耕耘", np.where(high_w, "维系", "开发")))
    valued = valued.assign(quadrant=quadrant)
    top_share = float(valued["value"].head(int(np.ceil(0.2 * n))).sum() / valued["value"].sum())
    cutoff = float((cum.values < 0.8).sum() + 1) / n
    t2 = time.perf_counter()

    wb = openpyxl.load_workbook(src)
    ws = wb.create_sheet("客户分层")
    ws.append(["客户编号", "客户姓名", "业务员", "保费", "排名", "累计占比", "分层", "象限"])
    for row in valued[["客户编号", "客户姓名", "业务员", "value", "rank", "cumulative", "tier", "quadrant"]].itertuples(index=False):
        ws.append(list(row))
    summary = wb.create_sheet("分层概览")
    summary.append(["前 20% 客户的保费占比", top_share])
    summary.append(["达到 80% 保费所需的客户占比", cutoff])
    wb.save(dst)
    t3 = time.perf_counter()
    print(json.dumps({"read": t1 - t0, "segment": t2 - t1, "write": t3 - t2, "total": t3 - t0, "clients": n}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
