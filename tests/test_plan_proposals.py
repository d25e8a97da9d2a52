"""A gmina without its own family-support plan gets proposals from its own baseline and trend,
never another gmina's absolute targets or budget; the expected values are computed by hand."""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from strategy.catalog import default_catalog
from strategy.documents.builders import data
from strategy.plan import load_plan
from strategy.plan.proposals import MAX_CHANGE, MIN_CHANGE, TO_SET, as_proposal, propose

FAMILY = (Path(__file__).resolve().parents[1] / "data/raw/plany"
          / "DANE_DEMONSTRACYJNE_3007083_program_wspierania_rodziny.yaml")


def series(values, first=2020):
    return pd.Series(values, index=range(first, first + len(values)), dtype=float)


def test_unfavourable_trend_still_gets_the_least_improvement():
    # families per assistant (worse) 11, 10, 9, 13, 14: rising; baseline 14 -> 14 - 5 % = 13,3
    target, year, rule = propose(series([11, 10, 9, 13, 14]), 2028, "ratio", "worse")
    assert (target, year) == (pytest.approx(13.3), 2024) and "poprawa o 5%" in rule


def test_favourable_trend_is_continued_within_the_cap():
    # children in foster care per 1000 (worse) 7,70 7,95 7,81 7,04 6,98 in 2020-2024:
    # slope = (-2*7.70 - 7.95 + 7.04 + 2*6.98) / 10 = -0.235 a year; 4 years to 2028: 0.94,
    # between 5 % (0.349) and 15 % (1.047) of 6.98 -> 6.98 - 0.94 = 6.04, rounded towards the
    # baseline to one decimal: 6.1
    target, _, rule = propose(series([7.70, 7.95, 7.81, 7.04, 6.98]), 2028, "rate", "worse")
    assert target == pytest.approx(6.1) and "kontynuacja korzystnego trendu" in rule
    # a steep favourable trend is capped: 10, 20, 30 (better), +10 a year, 4 years = 40 > 15 %
    capped, _, _ = propose(series([10, 20, 30]), 2026, "rate", "better")
    assert capped == pytest.approx(30 * (1 + MAX_CHANGE))                       # 34,5


def test_counts_are_whole_and_decided_quantities_are_kept():
    # a count that should fall: 11 children, 5 % = 0,55 -> 10,45 -> floor 10
    assert propose(series([11, 11, 11]), 2028, "count", "worse")[0] == 10
    # a count that should rise: 2 -> 2,1 -> at least one more: 3
    assert propose(series([2, 2, 2]), 2028, "count", "better")[0] == 3
    # assistants employed are decided by the gmina: the baseline level, not a trend
    target, _, rule = propose(series([1, 2, 3]), 2028, "count", "better", decided=True)
    assert target == 3 and "decyzji gminy" in rule
    # nothing to improve below 0; no data: left to the gmina
    assert propose(series([0, 0, 0]), 2028, "count", "worse")[0] == 0
    assert propose(series([]), 2028, "rate", "worse")[0] is None


def test_a_share_stays_within_100_and_few_points_use_the_least_change():
    target, _, rule = propose(series([99.0]), 2028, "share", "better")
    assert target == 100.0 and "za mało lat danych" in rule
    target, _, _ = propose(series([40.0, 40.0]), 2028, "share", "worse")
    assert target == pytest.approx(40 * (1 - MIN_CHANGE))                       # 38,0


def test_the_proposal_has_no_number_or_amount_of_the_template_gmina():
    plan = load_plan(FAMILY)
    v = pd.DataFrame([("3007062", y, "rodziny_na_asystenta", x) for y, x in
                      zip(range(2020, 2025), [11, 10, 9, 13, 14])]
                     + [("3007062", 2024, "asystenci_rodziny", 1.0)],
                     columns=["teryt", "year", "indicator", "value"])
    p = as_proposal(plan, "3007062", v, default_catalog())
    assert p.funding == [] and p.extra["propozycja"]
    assert p.extra["zrodla_propozycja"] == [f.source for f in plan.funding]
    df = data.proposals_frame(p, v, default_catalog(), "3007062").set_index("Wskaźnik")
    caseload = default_catalog().get("rodziny_na_asystenta").name
    assert df.at[caseload, "Wartość bazowa"] == 14 and df.at[caseload, "Rok bazowy"] == "2024"
    # one assistant with 14 families (under the limit of 15): the ratio is kept - a lower one
    # would mean fewer families with the same assistant (not 10, not 14 - 5 %)
    assert df.at[caseload, "Proponowana wartość docelowa"] == 14
    assert df.at[default_catalog().get("asystenci_rodziny").name,
                 "Proponowana wartość docelowa"] == 1                              # not 4
    # no data of the gmina for foster care: left to the gmina, not Opatówek's 4 per 1000
    assert df.at[default_catalog().get("dzieci_piecza_na_1000").name,
                 "Proponowana wartość docelowa"] == TO_SET
    typed = df.loc["Liczba dzieci, które wróciły do rodziny biologicznej"]
    assert typed["Proponowana wartość docelowa"] == TO_SET and typed["Wartość bazowa"] == "–"
    assert all(not t.actual for _, t in p.targets())
    outputs = data.outputs_frame(p)
    assert set(outputs["Wartość docelowa"]) == {TO_SET}                     # no 40, 6, 8
    assert plan.funding and plan.targets()[0][1].target == 10             # template untouched
    assert not math.isnan(plan.targets()[1][1].target)
