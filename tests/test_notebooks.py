"""Tests of the notebooks in notebooks/ and of strategy.notebook_helpers.

Fast tests check the helpers on tiny inline objects and the committed notebooks as files
(parameter cell, papermill's view of it, no outputs). The slow tests run every notebook top to
bottom with papermill on a store built from data/raw/demo, writing into tmp_path.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from strategy import notebook_helpers as nh
from strategy.errors import InputError, PlanError, StoreError
from strategy.plan import (
    Direction,
    Funding,
    OperationalGoal,
    Plan,
    StrategicGoal,
    Target,
)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NBSP = "\u00a0"

COMMON = {
    "rok": ("int", "0", "rok danych; 0 oznacza ostatni dostępny"),
    "horyzont": ("int", "0", "rok, do którego sięga prognoza; 0 oznacza ostatni rok okresu planu "
                 "(bez planu: 2035)"),
    "store": ("str", '"data/processed/indicators.parquet"', "magazyn danych"),
    "output_dir": ("str", '"reports/notatniki"',
                   "katalog, do którego zapisany zostanie dokument DOCX"),
    "szablon": ("str", '""', "własny szablon DOCX urzędu; pusty oznacza szablon wbudowany"),
    "wersja": ("str", '""', "wersja projektu (pusta oznacza dokument ostateczny)"),
}
GMINA = ("str", '"3007083"', "kod TERC gminy (7 cyfr)")
POWIAT = ("str", '"3007"', "kod TERC powiatu (4 cyfry)")
PLANS = "data/raw/plany/DANE_DEMONSTRACYJNE_"
REPORT_YEAR = ("int", "0", "rok sprawozdania; 0 oznacza rok z planu lub ostatni dostępny")
# notebook -> (teryt, default plan or None, name of the DOCX it writes)
EXPECTED = {
    "diagnoza_gminy": (GMINA, None, "diagnoza.docx"),
    "strategia_powiatu": (POWIAT, PLANS + "3007_strategia.yaml", "strategia.docx"),
    "program_wspierania_rodziny": (GMINA, PLANS + "3007083_program_wspierania_rodziny.yaml",
                                   "program_wspierania_rodziny.docx"),
    "program_pieczy_zastepczej": (POWIAT, PLANS + "3007_program_pieczy.yaml",
                                  "program_pieczy_zastepczej.docx"),
    "sprawozdanie_z_realizacji": (GMINA, PLANS + "3007083_program_wspierania_rodziny.yaml",
                                  "sprawozdanie_z_realizacji.docx"),
    "kontrola_spojnosci": (POWIAT, PLANS + "3007_strategia.yaml", "kontrola_spojnosci.docx"),
    # the draft resolutions (a parameter names which; by default the strategy's)
    "projekt_uchwaly": (("str", '"3007"', "kod TERC powiatu (4 cyfry) albo gminy (7 cyfr) - "
                         "jednostki, której rada przyjmuje dokument"),
                        PLANS + "3007_strategia.yaml", "projekt_uchwaly_strategia.docx"),
}


# totals of the demo plans, added up by hand from the YAML files
TOTALS = {
    # ramy finansowe 2026-2035, sums of the directions' costs by source: powiat 72 186 000,
    # gminy 44 059 000, państwo 38 656 000, PFRON 36 541 000, UE 7 840 000
    "strategia_powiatu": f"199{NBSP}282{NBSP}000",
    # wydatki 2026 by source: budżet gminy 186 430 + 14 250 + 9 600 + 1 200 + 236 780 + 14 820
    # + 11 650 = 474 730, program rządowy 60 000, współfinansowanie pieczy 117 940
    "sprawozdanie_z_realizacji": f"652{NBSP}670,00",
    # program pieczy 2026-2028: budżet powiatu 3 970 000 + 4 224 000 + 4 477 000, gminy
    # 1 100 000 + 1 180 000 + 1 260 000, państwo 420 000 + 430 000 + 440 000, UE 3 x 200 000
    "program_pieczy_zastepczej": f"18{NBSP}101{NBSP}000",
}


def notebook_path(name: str) -> Path:
    return NOTEBOOKS / f"{name}.ipynb"


# ---- the notebooks as files --------------------------------------------------------------------
def test_every_expected_notebook_is_there_and_nothing_else():
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == sorted(EXPECTED)
    assert (NOTEBOOKS / "README.md").is_file()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_one_parameters_cell_and_no_outputs(name):
    nb = nbformat.read(notebook_path(name), as_version=4)
    nbformat.validate(nb)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0].cell_type == "code"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []
            assert cell.execution_count is None
    # the document is opened near the top, filled by one cell per chapter, saved in the last cell
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert nb.cells[-1].cell_type == "code" and "dok.save()" in nb.cells[-1].source
    assert sum("dok = " in c for c in code) == 1
    assert not any("import build_" in c for c in code)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_papermill_lists_the_parameters_with_types_and_help(name):
    teryt, plan, _ = EXPECTED[name]
    expected = {"teryt": teryt, **COMMON}
    if name == "sprawozdanie_z_realizacji":     # no forecast in a report; its own year
        del expected["horyzont"]
        expected["rok"] = REPORT_YEAR
    if name == "kontrola_spojnosci":            # no forecast in the control report
        del expected["horyzont"]
    if name == "projekt_uchwaly":               # no data year, no forecast; which resolution
        del expected["horyzont"], expected["rok"]
        expected["rodzaj"] = ("str", '"uchwala_strategia"', "uchwala_strategia, "
                              "uchwala_program_pieczy_zastepczej, "
                              "uchwala_program_wspierania_rodziny")
    if plan:
        expected["plan"] = ("str", f'"{plan}"', "plik planu")
    if name == "strategia_powiatu":             # strategy consult runs it as a draft
        expected["konsultacje"] = ("bool", "False", "projekt do konsultacji z gminami (strategy "
                                   "consult); rozdział o konsultacjach mówi wtedy, że trwają")
    found = pm.inspect_notebook(str(notebook_path(name)))
    assert set(found) == set(expected)
    for key, (type_name, default, help_text) in expected.items():
        p = found[key]
        assert (p["inferred_type_name"], p["default"], p["help"]) == (type_name, default, help_text)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_default_plan_exists_and_is_of_the_notebooks_kind(name):
    _, plan, _ = EXPECTED[name]
    if plan is None:
        return
    loaded = nh.open_plan(ROOT / plan)
    assert loaded.unit == EXPECTED[name][0][1].strip('"')


# ---- helpers: paths and parameters -------------------------------------------------------------
def test_resolve_path_prefers_cwd_then_project_root(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "notebooks" / "b.txt").write_text("y")
    assert nh.resolve_path("a.txt", cwd=tmp_path / "notebooks") == (tmp_path / "a.txt").resolve()
    assert nh.resolve_path("b.txt", cwd=tmp_path / "notebooks") == \
        (tmp_path / "notebooks" / "b.txt").resolve()
    assert nh.resolve_path(tmp_path / "a.txt", cwd=Path("/")) == (tmp_path / "a.txt").resolve()
    with pytest.raises(InputError, match="nie znaleziono: plik planu 'c.txt'"):
        nh.resolve_path("c.txt", "plik planu", cwd=tmp_path / "notebooks")
    with pytest.raises(InputError, match="nie podano"):
        nh.resolve_path("  ")


def test_project_root_is_found_from_an_author_copys_folder(tmp_path):
    # JupyterLab opened in notebooks/autorskie/<kod>/ or nbconvert run there: three levels down.
    (tmp_path / "data" / "processed").mkdir(parents=True)
    (tmp_path / "data" / "processed" / "indicators.parquet").write_bytes(b"x")
    own = tmp_path / "notebooks" / "autorskie" / "1211092"
    own.mkdir(parents=True)
    assert nh.project_root(own) == tmp_path.resolve()
    assert nh.resolve_path("data/processed/indicators.parquet", cwd=own) == \
        (tmp_path / "data" / "processed" / "indicators.parquet").resolve()
    assert nh.resolve_output_dir("reports/n", cwd=own) == (tmp_path / "reports" / "n").resolve()
    # a folder named data inside the copy's folder does not make it the project
    (own / "data").mkdir()
    assert nh.project_root(own) == tmp_path.resolve()


def test_output_dir_is_relative_to_the_project_root(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "notebooks").mkdir()
    from_nb = nh.resolve_output_dir("reports/x", cwd=tmp_path / "notebooks")
    assert from_nb == (tmp_path / "reports" / "x").resolve() and from_nb.is_dir()
    from_root = nh.resolve_output_dir("reports/y", cwd=tmp_path)
    assert from_root == (tmp_path / "reports" / "y").resolve()
    assert nh.output_path(tmp_path / "abs", "strategia") == (tmp_path / "abs" / "strategia.docx")
    with pytest.raises(InputError, match="nieznany rodzaj dokumentu 'ulotka'"):
        nh.output_path(tmp_path, "ulotka")
    with pytest.raises(InputError):
        nh.resolve_output_dir("")


def test_check_teryt_by_kind():
    assert nh.check_teryt("3007083", "gmina") == "3007083"
    assert nh.check_teryt(" 3007 ", "powiat") == "3007"
    with pytest.raises(InputError, match="nie jest kodem TERC gminy"):
        nh.check_teryt("3007", "gmina")
    with pytest.raises(InputError, match="powiatu"):
        nh.check_teryt("3007083", "powiat")
    assert nh.check_teryt("3007083") == "3007083" and nh.check_teryt("3007") == "3007"
    with pytest.raises(InputError, match="gminy \\(7 cyfr\\) ani powiatu"):
        nh.check_teryt("30")
    with pytest.raises(InputError, match="'abc'"):
        nh.check_teryt("abc", "gmina")


def test_year_template_and_draft_parameters(tmp_path):
    assert nh.year_param(0) is None
    assert nh.year_param(2023) == 2023
    assert nh.year_param("2021") == 2021
    for bad in (1800, "dwa tysiące", True):
        with pytest.raises(InputError):
            nh.year_param(bad)
    assert nh.template_param("") is None and nh.template_param("   ") is None
    (tmp_path / "urzad.docx").write_bytes(b"PK")
    (tmp_path / "urzad.txt").write_text("x")
    assert nh.template_param(str(tmp_path / "urzad.docx")) == (tmp_path / "urzad.docx").resolve()
    with pytest.raises(InputError, match="nie jest plikiem .docx"):
        nh.template_param(str(tmp_path / "urzad.txt"))
    with pytest.raises(InputError, match="szablon DOCX"):
        nh.template_param(str(tmp_path / "brak.docx"))
    assert nh.draft_param("") is None and nh.draft_param("  ") is None
    assert nh.draft_param(" projekt 1 ") == "projekt 1"


def test_missing_store_says_how_to_build_it(tmp_path):
    with pytest.raises(StoreError, match="strategy ingest"):
        nh.open_store(tmp_path / "brak.parquet")


def test_plan_of_another_kind_is_refused():
    with pytest.raises(PlanError, match="program_wspierania_rodziny"):
        nh.open_plan(ROOT / (PLANS + "3007_strategia.yaml"), "program_wspierania_rodziny")


# ---- helpers: tables and text ------------------------------------------------------------------
def tiny_plan(**extra) -> Plan:
    d1 = Direction("1.1.1", "Asystenci", ["GOPS"], ["PCPR", "szkoły"], "2026-2028",
                   ["budżet gminy"])
    d2 = Direction("1.1.2", "Warsztaty", ["GOPS"], [], "2027", [])
    t1 = Target("Liczba asystentów", "asystenci_rodziny", 4, 2028, actual={2025: 3.0, 2024: 2.0})
    t2 = Target("Rodziny w grupach wsparcia", None, 30, 2028, baseline=12, baseline_year=2025)
    og = OperationalGoal("1.1", "Wsparcie rodzin", [d1, d2], [t1, t2])
    return Plan(path=Path("plan.yaml"), kind="program_wspierania_rodziny", unit="3007083",
                institution="GOPS", years=(2026, 2028), title="Program",
                goals=[StrategicGoal("1", "Silne rodziny", [og])],
                funding=[Funding("budżet gminy", {2026: 100.0, 2027: 50.0}),
                         Funding("program rządowy", {2027: 25.0})],
                extra=extra)



def test_report_part_and_report_year():
    plan = tiny_plan(sprawozdanie={"rok": 2025, "dzialania": ["Warsztaty."]})
    part = nh.report_part(plan)
    assert part["dzialania"] == ["Warsztaty."] and part["wnioski"] == [] and part["wydatki"] == []
    assert nh.report_year(plan, 0, 2024) == 2025          # the plan's year
    assert nh.report_year(plan, 2023, 2024) == 2023       # the parameter wins
    assert nh.report_year(tiny_plan(), 0, 2024) == 2024   # else the last year with data
    assert nh.report_part(tiny_plan()) == {"dzialania": [], "wydatki": [], "wnioski": []}


def test_plan_of_another_unit_is_refused():
    nh.check_plan_unit(tiny_plan(), "3007083")
    with pytest.raises(PlanError, match="jednostki 3007083, a parametr teryt to 3007012"):
        nh.check_plan_unit(tiny_plan(), "3007012")


# ---- the notebooks run top to bottom -----------------------------------------------------------
@pytest.fixture(scope="session")
def demo_store(tmp_path_factory) -> Path:
    from strategy import store as S
    from strategy.ingest.loading import load_inputs
    store, problems, _ = load_inputs([ROOT / "data" / "raw" / "demo"])
    assert problems == []
    return S.write(store, tmp_path_factory.mktemp("store") / "indicators.parquet")


def run(name: str, cwd: Path, out_dir: Path, **params) -> nbformat.NotebookNode:
    return pm.execute_notebook(str(notebook_path(name)), str(out_dir / f"{name}.ipynb"),
                               parameters={"output_dir": str(out_dir), **params}, cwd=str(cwd),
                               kernel_name="python3", progress_bar=False)


def docx_text(path: Path) -> str:
    import docx
    d = docx.Document(str(path))
    return "\n".join(p.text for p in d.paragraphs) + "\n".join(
        c.text for t in d.tables for r in t.rows for c in r.cells)


CAPTION_RE = re.compile(r"<(caption|figcaption)>(.*?)</(?:caption|figcaption)>", re.DOTALL)


def shown_in_notebook(nb) -> dict:
    """Return the captions of the tables and figures an executed notebook shows (in order),
    the number of pictures (PNG outputs and <img> in HTML) and of HTML tables it shows."""
    out = {"tables": [], "figures": [], "images": 0, "grids": 0}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for o in cell.outputs:
            data = o.get("data", {})
            out["images"] += "image/png" in data
            text = data.get("text/html", "")
            out["images"] += text.count("<img")
            out["grids"] += text.count("<table")
            for tag, caption in CAPTION_RE.findall(text):
                key = "tables" if tag == "caption" else "figures"
                out[key].append(html.unescape(caption).strip())
    return out


def held_in_docx(path: Path) -> dict:
    """Return the captions of the tables and figures of a Word file (paragraphs in the
    Caption style, "Tabela N. ..." / "Wykres N. ..."), counted against its tables and
    pictures."""
    import docx
    d = docx.Document(str(path))
    captions = [p.text.strip() for p in d.paragraphs if p.style.name == "Caption"]
    tables = [c for c in captions if c.startswith("Tabela ")]
    figures = [c for c in captions if c.startswith("Wykres ")]
    assert len(tables) == len(d.tables), "every table of the document has its caption"
    assert len(figures) == len(d.inline_shapes), "every picture of the document has its caption"
    return {"tables": tables, "figures": figures}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_notebook_runs_with_its_defaults(name, demo_store, tmp_path):
    nb = run(name, ROOT, tmp_path, store=str(demo_store))
    out = tmp_path / EXPECTED[name][2]
    assert out.is_file() and out.stat().st_size > 10_000
    printed = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    assert f"Zapisano dokument: {out}" in printed
    # the run showed tables and figures, not only the final path
    mimes = {m for c in nb.cells if c.cell_type == "code" for o in c.outputs
             for m in o.get("data", {})}
    assert "text/html" in mimes and "text/markdown" in mimes
    text = docx_text(out)
    assert "DANE DEMONSTRACYJNE" in text
    # what the notebook shows is what the Word file holds: the same pictures and tables,
    # with the same captions in the same order
    shown, held = shown_in_notebook(nb), held_in_docx(out)
    assert shown["figures"] == held["figures"] and shown["tables"] == held["tables"]
    assert shown["images"] == len(held["figures"]) and shown["grids"] == len(held["tables"])
    if name != "projekt_uchwaly":       # a resolution has no table and no figure
        assert held["tables"] and (held["figures"] or name in ("sprawozdanie_z_realizacji",
                                                               "kontrola_spojnosci"))
    # a total computed by hand from the demo plan is shown in the notebook and in the document
    if name in TOTALS:
        total = TOTALS[name]
        html = "".join(o["data"]["text/html"] for c in nb.cells if c.cell_type == "code"
                       for o in c.outputs if "text/html" in o.get("data", {}))
        assert total in html and total in text


@pytest.mark.slow
def test_notebook_runs_from_the_notebooks_folder_like_jupyterlab(demo_store, tmp_path):
    # cwd = notebooks/: the default plan path (relative to the project root) must still be found
    nb = run("program_wspierania_rodziny", NOTEBOOKS, tmp_path, store=str(demo_store),
             teryt="3007012", wersja="projekt 1")
    out = tmp_path / "program_wspierania_rodziny.docx"
    assert out.is_file()
    shown = "".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells
                    if c.cell_type == "code" for o in c.outputs)
    assert "gmina Blizanów" in shown
    assert "posłuży jako wzór" in shown


@pytest.mark.slow
def test_a_gmina_code_for_a_powiat_notebook_stops_with_a_polish_message(demo_store, tmp_path):
    with pytest.raises(pm.PapermillExecutionError, match="nie jest kodem TERC powiatu"):
        run("program_pieczy_zastepczej", ROOT, tmp_path, store=str(demo_store), teryt="3007083")
    assert not (tmp_path / "program_pieczy_zastepczej.docx").exists()
