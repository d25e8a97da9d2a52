"""An incremental build equals a full one with the real diagnosis notebook: after one gmina's
figure changes, another gmina's diagnosis - which quotes the powiat total - is built again and
quotes the new total."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from docx2python import docx2python

from strategy import store as S
from strategy.batch.build import BuildOptions, run_build
from strategy.ingest.loading import load_inputs

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def totals_quoted(path: Path) -> set[int]:
    """Return the numbers the document quotes as "wobec N w całym powiecie"."""
    with docx2python(path) as d:
        text = d.text
    return {int(re.sub(r"\D", "", n)) for n in
            re.findall(r"wobec ([\d\s\u00a0\u202f]+?) w całym powiecie", text)}


def build(store: Path, reports: Path):
    cwd = os.getcwd()
    os.chdir(ROOT)  # the job table's notebook paths are relative to the project root
    try:
        return run_build(BuildOptions(gmina=["3007012", "3007022"], only=["diagnoza"],
                                      store=store, reports=reports, jobs=2, html=False,
                                      quiet=True))
    finally:
        os.chdir(cwd)


def test_a_neighbours_change_rebuilds_the_diagnosis_quoting_the_powiat_total(tmp_path):
    demo, problems, _ = load_inputs([ROOT / "data/raw/demo"], powiat="3007")
    assert not problems
    f = demo.frame
    unemployed = f[(f["indicator"] == "bezrobotni") & (f["year"] == 2024)
                   & (f["teryt"].str.len() == 7)]
    total = int(unemployed["value"].sum())          # the powiat total: a sum over its gminas
    store = tmp_path / "indicators.parquet"
    S.write(demo, store)
    first = build(store, tmp_path / "reports")
    assert first.exit_status == 0 and len(first.ran) == 2
    [brzeziny] = (tmp_path / "reports/3007/2024").glob("3007022_*/3007022_*_diagnoza.docx")
    assert total in totals_quoted(brzeziny)
    assert build(store, tmp_path / "reports").ran == []      # nothing changed

    # Blizanów's 2024 unemployed grow by 400 (a normal new load of the store).
    row = (f["teryt"] == "3007012") & (f["indicator"] == "bezrobotni") & (f["year"] == 2024)
    f.loc[row, "value"] += 400
    S.write(demo, store)
    second = build(store, tmp_path / "reports")
    assert sorted(r["id"] for r in second.ran) == ["diagnoza:3007012:2024",
                                                    "diagnoza:3007022:2024"]
    quoted = totals_quoted(brzeziny)
    assert total + 400 in quoted and total not in quoted
