"""Drafts that say only what the data support, on the demo powiat with the local figures of two
gminas removed (Szczytniki 3007102 and Żelazków 3007112: every row of an indicator recorded by
the gminas' own institutions - MRPiPS-03, OZPS, family-support reports, interdisciplinary teams,
... - dropped; their GUS BDL figures kept), read back from the .docx files:

* a rank among the 9 gminas with data says so and names the powiat's 11;
* no gmina annex of the strategy says a gmina without data in an area has no problem there;
* the strategy names both gminas as lacking data, and so do its warnings for the build summary;
* a one-year series gives no trend chart; all area scores zero: no area stands out;
* a target without a baseline is marked in the table of targets and warned of.

Expected values are written out by hand from the definitions: the powiat has 11 gminas, two
have no local figures, so a local indicator ranks 9 gminas.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import docx
import pandas as pd
import pytest

from strategy import charts
from strategy.catalog import default_catalog
from strategy.diagnosis import diagnose
from strategy.documents.builders import build_diagnoza, build_strategia, common, data
from strategy.documents.builders.strategia import strategy_document
from strategy.ingest.loading import load_inputs
from strategy.inputs.load import load_diagnosis, load_strategy
from strategy.plan import load_plan
from test_plan_targets import PLAN, write

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "data/raw/plany"
DROPPED = {"3007102": "Szczytniki", "3007112": "Żelazków"}
NBSP = "\u00a0"


def texts(path: Path) -> list[str]:
    """Every paragraph and table cell of a .docx."""
    d = docx.Document(path)
    out = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            out.extend(c.text for c in row.cells)
    return [t for t in out if t.strip()]


@pytest.fixture(scope="module")
def demo():
    store, problems, _ = load_inputs([ROOT / "data/raw/demo"], powiat="3007")
    assert not problems
    return store


@pytest.fixture(scope="module")
def partial(demo):
    """The demo store without the local figures of Szczytniki and Żelazków."""
    catalog = default_catalog()
    local = {i.id for i in catalog if i.level == "gmina" and not i.source.startswith("GUS BDL")}
    f = demo.frame
    drop = f["teryt"].isin(list(DROPPED)) & f["indicator"].isin(local)
    assert drop.any()
    return replace(demo, frame=f[~drop].reset_index(drop=True))


@pytest.fixture(scope="module")
def strategy(partial, tmp_path_factory):
    out = tmp_path_factory.mktemp("czesciowe")
    plan = load_plan(PLANS / "DANE_DEMONSTRACYJNE_3007_strategia.yaml")
    inputs = load_strategy(partial, plan)
    doc = strategy_document(inputs, out / "strategia.docx")
    doc.default_chapters()
    path = doc.save()
    return inputs, doc.warnings, texts(path)


@pytest.fixture(scope="module")
def diagnosis_text(partial, tmp_path_factory):
    out = tmp_path_factory.mktemp("diagnoza")
    return texts(build_diagnoza(load_diagnosis(partial, "3007083"), out / "d.docx"))


def test_a_rank_among_fewer_gminas_says_among_whom(diagnosis_text):
    body = "\n".join(diagnosis_text)
    fewer = re.findall(rf"\d+\. miejsce spośród 9{NBSP}gmin powiatu[^()]*", body)
    assert fewer, "a local indicator ranks the 9 gminas with data"
    assert all(p.endswith(", dla których są dane ") for p in fewer), fewer
    assert body.count(f"spośród 9{NBSP}gmin powiatu, dla których są dane (w powiecie 11)") \
        == len(fewer)
    # indicators of GUS BDL still rank all 11, said as before
    assert f"spośród 11{NBSP}gmin powiatu (licząc" in body
    # the comparison table's "3 z 9" is explained under it
    assert ("Gdy dane wskaźnika ma mniej gmin niż wszystkie 11 gmin powiatu, miejsce podano "
            "wśród gmin, dla których są dane (np. „3 z 9”).") in diagnosis_text
    assert "kod TERC" not in body


def test_no_all_clear_for_a_gmina_without_data(strategy):
    _, _, body = strategy
    for name in DROPPED.values():
        # the annex's heading (the last one: the first is in the table of contents)
        start = max(i for i, t in enumerate(body) if f"Gmina {name} – podsumowanie" in t)
        annex = body[start:start + 40]
        annex = annex[:next((i for i, t in enumerate(annex[1:], 1) if "Załącznik" in t),
                            len(annex))]
        assert "Dane nie wskazują obszarów wyraźnie odbiegających od powiatu." not in annex
        said = [t for t in annex if "Brak danych gminy w obszarach" in t
                or "brak danych gminy w obszarach" in t]
        assert said and "Przemoc domowa" in said[0] and "Bezdomność" in said[0], annex


def test_the_strategy_names_both_gminas_without_data(strategy):
    _, warnings, body = strategy
    partial_areas = [t for t in body if t.startswith("Dane gmin za")
                     and "brak danych z: Szczytniki, Żelazków" in t]
    # areas whose gmina indicators are all local: family benefits, foster care, violence,
    # addictions, homelessness, seniors - six areas
    assert len(partial_areas) == 6, partial_areas
    # the ranking table's areas scored from 9 gminas are said to be so
    ranked = [t for t in body if t.startswith("Wynik obszarów „") and "oparto na danych części "
              "gmin (brak danych z: Szczytniki, Żelazków)" in t]
    assert len(ranked) == 1 and "„Świadczenia rodzinne”" in ranked[0]
    assert all("dane z 9 z 11 gmin" in t for t in partial_areas)
    lines = [w["text"] for w in warnings if w["kind"] == "dane_gmin"]
    assert lines == ["brak danych z gmin: Szczytniki, Żelazków – obszary: świadczenia rodzinne, "
                     "piecza zastępcza, przemoc domowa, uzależnienia, bezdomność, seniorzy, "
                     "usługi opiekuńcze i DPS"]


def test_the_full_demo_has_no_coverage_warning(demo):
    plan = load_plan(PLANS / "DANE_DEMONSTRACYJNE_3007_strategia.yaml")
    doc = strategy_document(load_strategy(demo, plan))
    assert not [w for w in doc.warnings if w["kind"] == "dane_gmin"]


def test_a_one_year_series_gives_no_trend_chart(demo, tmp_path):
    one = replace(demo, frame=demo.frame[demo.frame["year"] == 2024].reset_index(drop=True))
    d = diagnose("3007083", one, charts=True)
    assert not [k for k in d.figures if k.startswith("trend_")]
    assert not [f for f in d.figures.values() if "2024–2024" in f.caption]
    body = texts(build_diagnoza(load_diagnosis(one, "3007083"), tmp_path / "d.docx"))
    assert not [t for t in body if "2024–2024" in t]
    # drawn anyway (a notebook may), the chart of one year has no line, only the note
    ax = charts.trend_chart("", pd.Series([5.0], index=[2024]), pd.Series([50.0], index=[2024]),
                            None, "osoba", "", "g", "p").axes[0]
    assert not [ln for ln in ax.get_lines() if len(ln.get_xdata())]
    assert "dane z jednego roku – za mało, aby pokazać zmiany" in [t.get_text() for t in ax.texts]
    assert charts.trend_years(pd.Series([5.0, float("nan"), 6.0], index=[2022, 2023, 2024])) == 2
    fig = charts.trend_chart("", pd.Series([5.0, 6.0], index=[2023, 2024]), None, None,
                             "osoba", "", "g", "p")
    assert charts.figure_to_png(fig, close=True)[:4] == b"\x89PNG"


def test_ranking_with_all_scores_zero_says_no_area_stands_out(demo, tmp_path):
    plan = load_plan(PLANS / "DANE_DEMONSTRACYJNE_3007_strategia.yaml")
    inputs = load_strategy(demo, plan)
    d = inputs.diagnosis
    zero = replace(inputs, diagnosis=replace(d, areas=d.areas.assign(score=0.0),
                                             figures={k: f for k, f in d.figures.items()
                                                      if not k.startswith("ranking_")}))
    body = "\n".join(texts(build_strategia(zero, tmp_path / "s.docx")))
    assert "Najwyższy wynik" not in body
    assert "Wykresy pokazują gminy uszeregowane" not in body
    assert "Żaden obszar nie uzyskał dodatniego wyniku" in body


def test_a_target_without_baseline_is_marked_and_warned(tmp_path):
    plan = load_plan(write(tmp_path, PLAN))
    # no figure of asystenci_rodziny: its target (4 in 2028) has no baseline; 13 families per
    # assistant in 2024 is the caseload's baseline (target 12)
    values = pd.DataFrame([("3007083", 2024, "rodziny_na_asystenta", 13.0, "gmina")],
                          columns=["teryt", "year", "indicator", "value", "level"])
    tf = data.targets_frame(plan, values, default_catalog())
    row = tf[tf["Wartość docelowa"] == 4].iloc[0]
    assert row["Wartość bazowa"] == "do ustalenia – brak wartości bazowej"
    assert row["Rok bazowy"] == "–"
    other = tf[tf["Wartość docelowa"] == 12].iloc[0]
    assert other["Wartość bazowa"] == 13.0
    warned = []
    doc = SimpleNamespace(ctx=SimpleNamespace(values=values),
                          warn=lambda kind, text: warned.append((kind, text)))
    common.plan_warnings(doc, plan)
    assert len(warned) == 1 and warned[0][0] == "bazowa"
    assert warned[0][1].startswith("cel 1.1, wskaźnik „")
    assert "brak wartości bazowej" in warned[0][1] and "4 (2028)" in warned[0][1]


def test_the_partial_strategy_speaks_the_language_of_a_document(strategy, diagnosis_text):
    from test_document_language import agreement_errors, wording_errors
    _, _, body = strategy
    found = [e for t in body + diagnosis_text for e in wording_errors(t) + agreement_errors(t)]
    assert not found, found


def test_a_ranking_chart_names_the_gminas_it_leaves_out(partial):
    from strategy.text import wykresy
    assert wykresy.ranking_caption("Udział", "kaliski", 2024, ["Szczytniki", "Żelazków"]) == (
        "Udział w gminach powiatu kaliskiego w 2024 r. (brak danych z gmin: Szczytniki, "
        "Żelazków)")
    assert wykresy.ranking_caption("Udział", "kaliski", 2024, ["Lisków"]).endswith(
        "(brak danych z gminy: Lisków)")
    assert wykresy.ranking_caption("Udział", "kaliski", 2024) == (
        "Udział w gminach powiatu kaliskiego w 2024 r.")
    d = diagnose("3007083", partial, charts=True)
    for key, fig in d.figures.items():
        if key.startswith("ranking_"):
            local = not default_catalog().get(key[len("ranking_"):]).source.startswith("GUS BDL")
            assert ("(brak danych z gmin: Szczytniki, Żelazków)" in fig.caption) == local, key
    assert any("brak danych z gmin" in f.caption for k, f in d.figures.items()
               if k.startswith("ranking_"))


def test_a_gmina_diagnosis_says_which_areas_it_has_no_data_for(partial, tmp_path):
    body = texts(build_diagnoza(load_diagnosis(partial, "3007102"), tmp_path / "d.docx"))
    # Szczytniki: no local figures, so the six areas of local indicators only are not scored
    assert body.count("Brak danych w tym obszarze dla jednostki: gmina Szczytniki.") == 6
    said = [t for t in body if t.startswith("Brak danych gminy w obszarach:")
            or "Brak danych gminy w obszarach:" in t]
    assert len(said) == 1
    for area in ("Świadczenia rodzinne", "Piecza zastępcza", "Przemoc domowa", "Uzależnienia",
                 "Bezdomność", "Seniorzy, usługi opiekuńcze i DPS"):
        assert area in said[0]
    assert not [t for t in body if "lata 2024–2024" in t or "latach 2024–2024" in t]
