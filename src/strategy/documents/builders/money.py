"""The financial frame of a plan by goal and direction of action, and the unit its tables use.

In: a :class:`strategy.plan.Plan` whose directions of action carry costs (``koszty``: amounts
by source and year). Out: DataFrames in zł, numbers kept as numbers - the costs of every
direction by year with a subtotal row per strategic goal and a grand total (it equals the total
of the frame by source, :func:`.data.funding_frame`, because the frame is the directions' sum),
and the strategic goals by source over the whole period; :func:`money_scale` says whether a
table is shown in zł or in thousands of zł and :func:`amount_table` records such a table (the
strategy's frames, the family-support programme's costs by action).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ...plan import Plan
from ...text import fmt_number

TOTAL = "Razem"
#: Column of the goals and directions in the frame by direction.
ROW = "Cel strategiczny / kierunek działań"
#: An amount table switches to thousands of zł when it has more amount columns than this or
#: an amount of more than seven digits: "12 345 678" does not fit a column of a ten-year table.
MAX_COLUMNS_IN_ZL = 5
MAX_AMOUNT_IN_ZL = 9_999_999


def direction_costs_frame(plan: Plan, goal: str = "Cel strategiczny", row: str = ROW,
                          subtotals: bool = True) -> pd.DataFrame:
    """Return the costs of each direction of action by year (all sources together): for each
    goal of the first level (named ``goal``: "Cel strategiczny", a programme's "Cel główny") a
    subtotal row, then its directions; a 'Razem' row and column; ``row`` is the label column.
    A direction without costs is a row of zeros. ``attrs['goal_rows']`` lists the positions of
    the goal rows; ``subtotals=False`` leaves them out (one goal: its subtotal is the total).
    """
    years = [str(y) for y in plan.funding_years()]
    rows, goal_rows = [], []
    for g in plan.goals:
        dirs = [d for og in g.operational for d in og.directions]
        sub = {row: f"{goal} {g.id}. {g.name}", **{y: 0.0 for y in years}}
        if subtotals:
            goal_rows.append(len(rows))
            rows.append(sub)
        for d in dirs:
            r = {row: f"{d.id}. {d.name}"}
            for y in years:
                r[y] = float(sum(f.amounts.get(int(y), 0.0) for f in d.costs))
                sub[y] += r[y]
            rows.append(r)
    df = pd.DataFrame(rows, columns=[row, *years])
    df[TOTAL] = df[years].sum(axis=1) if years else 0.0
    body = df.drop(index=goal_rows)
    total = {row: TOTAL, **{c: float(body[c].sum()) for c in [*years, TOTAL]}}
    df = pd.concat([df, pd.DataFrame([total])], ignore_index=True)
    df.attrs["goal_rows"] = goal_rows
    return df


def goal_source_frame(plan: Plan) -> pd.DataFrame:
    """Return the costs of each strategic goal by source over the plan's whole period, with a
    'Razem' row and column (sources in the order of the frame by source)."""
    sources = [f.source for f in plan.funding]
    key = {" ".join(s.lower().split()): s for s in sources}
    rows = []
    for g in plan.goals:
        r = {"Cel strategiczny": f"{g.id}. {g.name}", **{s: 0.0 for s in sources}}
        for og in g.operational:
            for d in og.directions:
                for f in d.costs:
                    s = key.get(" ".join(f.source.lower().split()))
                    if s is not None:
                        r[s] += float(sum(f.amounts.values()))
        rows.append(r)
    df = pd.DataFrame(rows, columns=["Cel strategiczny", *sources])
    df[TOTAL] = df[sources].sum(axis=1) if sources else 0.0
    total = {"Cel strategiczny": TOTAL, **{c: float(df[c].sum()) for c in [*sources, TOTAL]}}
    return pd.concat([df, pd.DataFrame([total])], ignore_index=True)


def money_scale(frame: pd.DataFrame, label_columns: int = 1) -> tuple[float, str]:
    """Return (divisor, unit) for the amounts of ``frame``: (1, 'zł') for a narrow table of
    amounts up to seven digits, else (1000, 'tys. zł')."""
    amounts = frame.iloc[:, label_columns:]
    widest = float(amounts.abs().max().max()) if amounts.size else 0.0
    if amounts.shape[1] > MAX_COLUMNS_IN_ZL or widest > MAX_AMOUNT_IN_ZL:
        return 1000.0, "tys. zł"
    return 1.0, "zł"


def amount_table(rep, frame: pd.DataFrame, caption: str, source: str, bold=(),
                 landscape_columns: int = 6):
    """Record ``frame`` (labels in the first column, amounts in zł in the others) as a table in
    zł or thousands of zł (:func:`money_scale`, the unit added to ``caption``), the last row and
    the rows ``bold`` in bold, on a landscape page when it has more than ``landscape_columns``
    columns; return its reference."""
    div, unit = money_scale(frame)
    shown = frame.iloc[:, 1:].to_numpy(dtype=float) / div
    decimals = 0 if (np.isnan(shown) | (shown == shown.round())).all() else 1

    def amount(v) -> str:
        return "–" if pd.isna(v) else fmt_number(v / div, decimals)

    ref = rep.table(frame, f"{caption} ({unit})", source,
                    landscape=frame.shape[1] > landscape_columns,
                    formats={c: amount for c in frame.columns[1:]})
    rep.bold_rows(*bold, -1)
    return ref
