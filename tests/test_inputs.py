"""Declared inputs: documents never read files and never run analysis; the notebook loads what
a document needs (:mod:`strategy.inputs.load`), and the build keys a job by exactly the files
and store rows the one declaration (:mod:`strategy.inputs`) lists.

The build-key tests run ``strategy build`` with an executor that runs no notebook (the
:class:`strategy.batch.executor.Executor` protocol: it only places the outputs), so what is
measured is which jobs the key sends to run again.
"""
from __future__ import annotations

import ast
import os
import shutil
from pathlib import Path

import pytest

from strategy import store as S
from strategy.batch.build import BuildOptions, run_build
from strategy.batch.jobs import DEFAULT_TABLE, expand, load_table
from strategy.consultation import Remark, update_register
from strategy.errors import BuildError, InputError
from strategy.ingest.loading import load_inputs
from strategy.inputs import DECLARED, files_read, rows_read
from strategy.inputs.load import load_control, load_strategy
from strategy.plan import RemarkCounts, load_plan
from strategy.plan.index import plan_index, read_entry

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "src" / "strategy" / "documents"
PLANS = ROOT / "data" / "raw" / "plany"
STRATEGY = "DANE_DEMONSTRACYJNE_3007_strategia.yaml"
FOSTER = "DANE_DEMONSTRACYJNE_3007_program_pieczy.yaml"
FAMILY = "DANE_DEMONSTRACYJNE_3007083_program_wspierania_rodziny.yaml"

# ---- documents read no files and run no analysis ---------------------------------------------
#: Modules a document must not import (outside ``if TYPE_CHECKING:``, where only types are named
#: and nothing runs): the analysis that makes diagnoses, the store, the plan loader, the loaders.
FORBIDDEN_MODULES = ("strategy.diagnosis", "strategy.store", "strategy.plan.load",
                     "strategy.inputs")
#: Functions that load or analyse: a document never calls them, whatever it imports.
FORBIDDEN_CALLS = {"diagnose", "powiat_values", "load_programmes", "load_plan", "load_strategy",
                   "remark_counts", "register_frame", "load_workbook", "read_csv", "read_excel",
                   "read_parquet"}
#: Calls that read a file.
READS = {"open", "read_text", "read_bytes", "ZipFile", "Document"}
#: The exceptions, by module and call, each with why it is no input of a document: the Word
#: engine reads its template and the files it has itself written.
ALLOWED_READS = {
    # the Word engine's template: the built-in reference.docx or the office's own template
    ("template.py", "ZipFile"): "a .dotx template repacked as .docx",
    ("template.py", "Document"): "reference.docx or the user's template (szablon)",
    # the files the engine writes and then reads back
    ("package.py", "ZipFile"): "the document being written, in memory",
    ("toc.py", "Document"): "the saved document reopened to number its table of contents",
    ("properties.py", "ZipFile"): "the custom properties of a saved document",
    ("pdf.py", "read_text"): "LibreOffice's page list and error file for a saved document",
    ("pdf.py", "read_bytes"): "the PDF LibreOffice made of a saved document",
    # an author's own picture given as a path in a notebook cell (dok.figure("wykres.png"))
    ("authoring.py", "read_bytes"): "an author's picture file named in a notebook cell",
}


def _module(path: Path, src: Path) -> str:
    parts = list(path.relative_to(src).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(node: ast.AST, module: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if isinstance(node, ast.ImportFrom):
        if not node.level:
            return [node.module or ""]
        base = module.split(".")
        if not is_package:
            base = base[:-1]
        base = base[:len(base) - (node.level - 1)]
        name = ".".join(base + ([node.module] if node.module else []))
        return [name] if node.module else [f"{name}.{a.name}" for a in node.names]
    return []


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """Return the ids of the nodes inside ``if TYPE_CHECKING:`` blocks."""
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING",
                                                                   "typing.TYPE_CHECKING"):
            for stmt in node.body:
                inside.update(id(n) for n in ast.walk(stmt))
    return inside


def _called(node: ast.Call) -> str | None:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def _scan(folder: Path, src: Path = ROOT / "src"):
    """Return (forbidden imports, forbidden calls, file reads) of the modules under ``folder``
    (``src``: the folder holding the ``strategy`` package)."""
    imports, calls, reads = [], [], []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module, typing_only = _module(path, src), _type_checking_nodes(tree)
        where = f"{path.relative_to(src)}"
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in typing_only:
                for name in _imported(node, module, path.name == "__init__.py"):
                    if any(name == m or name.startswith(m + ".") for m in FORBIDDEN_MODULES):
                        imports.append(f"{where}:{node.lineno} {name}")
            elif isinstance(node, ast.Call):
                name = _called(node)
                if name in FORBIDDEN_CALLS:
                    calls.append(f"{where}:{node.lineno} {name}")
                elif name in READS and (name != "Document" or node.args):  # Document(): new
                    reads.append((path.name, name, f"{where}:{node.lineno}"))
    return imports, calls, reads


def test_the_scanner_sees_what_it_forbids(tmp_path):
    pkg = tmp_path / "src" / "strategy" / "documents"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "bad.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "from ..diagnosis import diagnose\n"
        "from .. import store\n"
        "import strategy.plan.load\n"
        "if TYPE_CHECKING:\n    from ..diagnosis import Diagnosis\n"
        "def f(p):\n    diagnose('3007', None)\n    return open(p).read() + p.read_text()\n",
        encoding="utf-8")
    imports, calls, reads = _scan(pkg, tmp_path / "src")
    assert [i.split(" ")[1] for i in imports] == ["strategy.diagnosis", "strategy.store",
                                                   "strategy.plan.load"]
    assert [c.split(" ")[1] for c in calls] == ["diagnose"]
    assert sorted(name for _, name, _ in reads) == ["open", "read_text"]


def test_documents_import_no_loader_and_call_no_analysis():
    imports, calls, _ = _scan(DOCUMENTS)
    assert imports == [], "dokumenty importują moduły wczytujące lub analizujące: " + "; ".join(imports)
    assert calls == [], "dokumenty wywołują wczytywanie lub analizę: " + "; ".join(calls)


def test_documents_read_no_file_but_the_word_engines_own():
    _, _, reads = _scan(DOCUMENTS)
    builders = [w for _, _, w in reads if "/builders/" in w]
    assert builders == []
    found = {(module, name) for module, name, _ in reads}
    # every read is a named exception, and every exception is still needed
    assert found == set(ALLOWED_READS), found ^ set(ALLOWED_READS)


# ---- the declaration ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def store():
    s, problems, _ = load_inputs([ROOT / "data/raw/demo"], powiat="3007")
    assert not problems
    return s


def _remark(rid: str, teryt: str, gmina: str) -> Remark:
    return Remark(id=rid, teryt=teryt, gmina=gmina, version="1.0", kind="komentarz", author="X",
                  date="2026-11-30", section_id="3_1", section_title="Diagnoza",
                  fragment="tekst", text="uwaga")


def plans_with_register(folder: Path) -> Path:
    """Copy the demo plans into ``folder``, the strategy naming a register of remarks with three
    remarks of two gminas, and a family-support plan of a gmina of another powiat; return the
    register."""
    shutil.copytree(PLANS, folder)
    register = folder / "konsultacje" / "rejestr_uwag.xlsx"
    update_register([_remark("a1", "3007083", "Opatówek"), _remark("a2", "3007083", "Opatówek"),
                     _remark("b1", "3007012", "Blizanów")], register)
    strategy = folder / STRATEGY
    text = strategy.read_text(encoding="utf-8")
    assert text.count("\nkonsultacje:\n") == 1
    strategy.write_text(text.replace("\nkonsultacje:\n", "\nkonsultacje:\n"
                                     "  rejestr: konsultacje/rejestr_uwag.xlsx\n"),
                        encoding="utf-8")
    family = (folder / FAMILY).read_text(encoding="utf-8")
    (folder / "inny_3008012_program.yaml").write_text(family.replace("3007083", "3008012"),
                                                      encoding="utf-8")
    return register


def test_every_document_kind_is_declared_and_an_unknown_one_is_refused():
    assert set(DECLARED) == {"diagnoza", "strategia", "program_wspierania_rodziny",
                             "program_pieczy_zastepczej", "sprawozdanie", "kontrola_spojnosci",
                             "uchwala_strategia", "uchwala_program_pieczy_zastepczej",
                             "uchwala_program_wspierania_rodziny"}
    with pytest.raises(InputError, match="nieznany rodzaj dokumentu 'uchwala'"):
        files_read("uchwala", None)


def test_the_strategy_reads_its_plan_the_register_and_its_powiats_programmes(tmp_path):
    folder = tmp_path / "plany"
    register = plans_with_register(folder)
    index = plan_index(folder)
    read = files_read("strategia", read_entry(folder / STRATEGY), index)
    assert [p.name for p in read] == [STRATEGY, "rejestr_uwag.xlsx", FAMILY, FOSTER]
    assert read[1] == register.resolve()
    # the foster-care programme reads its plan only; a diagnosis no file at all
    assert files_read("program_pieczy_zastepczej", read_entry(folder / FOSTER), index) == [
        (folder / FOSTER).resolve()]
    assert files_read("diagnoza", None, index) == []
    # store rows: the powiat with all its gminas, the voivodeship, the country
    assert rows_read("strategia", "3007") == ["3007*", "30", "PL"]
    assert rows_read("diagnoza", "3007083") == ["3007*", "30", "PL"]


def test_the_strategys_loader_reads_what_the_declaration_lists(store, tmp_path):
    folder = tmp_path / "plany"
    plans_with_register(folder)
    plan = load_plan(folder / STRATEGY)
    loaded = load_strategy(store, plan)
    listed = files_read("strategia", read_entry(folder / STRATEGY))
    assert {p.path.resolve() for p in loaded.programmes} == {(folder / FAMILY).resolve(),
                                                             (folder / FOSTER).resolve()}
    assert {p.path.resolve() for p in loaded.programmes} <= set(listed)
    assert plan.consultation.register.resolve() in listed
    # three remarks of two gminas, none answered yet
    assert loaded.remarks == (2, RemarkCounts(submitted=3, accepted=0, partly=0, rejected=0))
    # one diagnosis per gmina of the powiat (11 in the register), of the powiat's year
    assert len(loaded.gmina_diagnoses) == 11
    assert {d.year for d in loaded.gmina_diagnoses.values()} == {loaded.diagnosis.year}


def test_a_strategy_job_lists_the_declared_files(tmp_path):
    folder = tmp_path / "plany"
    plans_with_register(folder)
    table = load_table(DEFAULT_TABLE)
    [job] = expand(table.documents, {"3007": (["3007083"], True)}, 2024,
                   store=tmp_path / "s.parquet", reports=tmp_path / "r", base=ROOT, root=ROOT,
                   plans=folder, only=["strategia"])
    assert [Path(p).name for p in job.inputs] == [STRATEGY, "rejestr_uwag.xlsx", FAMILY, FOSTER]
    assert job.data_scope == ("3007*", "30", "PL")


def test_the_control_report_reads_the_strategys_plan_and_programmes_not_the_register(
        store, tmp_path):
    folder = tmp_path / "plany"
    plans_with_register(folder)
    read = files_read("kontrola_spojnosci", read_entry(folder / STRATEGY))
    assert [p.name for p in read] == [STRATEGY, FAMILY, FOSTER]
    table = load_table(DEFAULT_TABLE)
    [job] = expand(table.documents, {"3007": (["3007083"], True)}, 2024,
                   store=tmp_path / "s.parquet", reports=tmp_path / "r", base=ROOT, root=ROOT,
                   plans=folder, only=["kontrola_spojnosci"])
    assert [Path(p).name for p in job.inputs] == [STRATEGY, FAMILY, FOSTER]
    assert job.data_scope == ("3007*", "30", "PL")
    loaded = load_control(store, load_plan(folder / STRATEGY))
    assert {p.path.resolve() for p in loaded.programmes} == {(folder / FAMILY).resolve(),
                                                             (folder / FOSTER).resolve()}
    assert loaded.demo and set(loaded.values["teryt"].str[:4]) == {"3007"}


def test_a_table_row_reads_as_its_declared_kind(tmp_path):
    rows = ('[[document]]\nname = "program"\nnotebook = "a.ipynb"\nunit = "gmina"\n'
            'plan = "program_wspierania_rodziny"\n'
            '[[document]]\nname = "dok"\nnotebook = "a.ipynb"\nunit = "gmina"\n'
            '[[document]]\nname = "plan_powiatu"\nnotebook = "a.ipynb"\nunit = "powiat"\n'
            'plan = "strategia_powiatu"\nreads = "sprawozdanie"\n')
    table = tmp_path / "jobs.toml"
    table.write_text('plans = "plany"\n' + rows, encoding="utf-8")
    assert [s.reads for s in load_table(table).documents] == [
        "program_wspierania_rodziny", "diagnoza", "sprawozdanie"]
    table.write_text('plans = "plany"\n' + rows.replace('"sprawozdanie"', '"uchwala"'),
                     encoding="utf-8")
    with pytest.raises(BuildError, match="dokument nr 3: pole 'reads' musi mieć jedną z "
                                         "wartości diagnoza, .*, a ma 'uchwala'"):
        load_table(table)


# ---- the build key -----------------------------------------------------------------------------
class PlacingExecutor:
    """Runs no notebook: places every output a job expects and reports it done."""

    def __init__(self, workers: int):
        self.jobs = []

    def submit(self, job) -> None:
        self.jobs.append(job)

    def results(self):
        for job in self.jobs:
            os.makedirs(job.out_dir, exist_ok=True)
            for name in job.output_files:
                Path(job.out_dir, name).write_text("x", encoding="utf-8")
            yield {"id": job.id, "status": "ok", "error": None, "duration_s": 0.1,
                   "outputs": job.output_files, "attempts": 1}

    def close(self, cancel: bool = False) -> None:
        pass


@pytest.fixture()
def project(store, tmp_path):
    """A store of the demo powiat, the demo plans with a register, a job table using them."""
    plans = tmp_path / "plany"
    register = plans_with_register(plans)
    S.write(store, tmp_path / "indicators.parquet")
    table = DEFAULT_TABLE.read_text(encoding="utf-8")
    assert table.count('plans = "data/raw/plany"') == 1
    (tmp_path / "jobs.toml").write_text(
        table.replace('plans = "data/raw/plany"', f'plans = "{plans.as_posix()}"'),
        encoding="utf-8")
    return tmp_path, plans, register


def build_strategy(tmp_path: Path) -> list[str]:
    cwd = os.getcwd()
    os.chdir(ROOT)   # the table's notebook paths are relative to the project root
    try:
        report = run_build(BuildOptions(powiat=["3007"], only=["strategia"],
                                        store=tmp_path / "indicators.parquet",
                                        reports=tmp_path / "reports", table=tmp_path / "jobs.toml",
                                        jobs=1, html=False, quiet=True),
                           executor_factory=PlacingExecutor)
    finally:
        os.chdir(cwd)
    assert report.exit_status == 0, report.failed
    return [r["id"] for r in report.ran]


def test_the_strategy_is_rebuilt_when_a_programme_changes(project):
    tmp_path, plans, _ = project
    assert build_strategy(tmp_path) == ["strategia:3007:2024"]
    assert build_strategy(tmp_path) == []                        # nothing changed
    (plans / "inny_3008012_program.yaml").write_text("# inny powiat\n" + (
        plans / "inny_3008012_program.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert build_strategy(tmp_path) == []                        # another powiat's gmina
    foster = plans / FOSTER
    foster.write_text(foster.read_text(encoding="utf-8") + "\n# zmiana\n", encoding="utf-8")
    assert build_strategy(tmp_path) == ["strategia:3007:2024"]


def test_the_strategy_is_rebuilt_when_the_register_of_remarks_changes(project):
    tmp_path, _, register = project
    assert build_strategy(tmp_path) == ["strategia:3007:2024"]
    update_register([_remark("a1", "3007083", "Opatówek"), _remark("a2", "3007083", "Opatówek"),
                     _remark("b1", "3007012", "Blizanów"), _remark("c1", "3007062", "Lisków")],
                    register)
    assert build_strategy(tmp_path) == ["strategia:3007:2024"]


def test_the_strategy_is_rebuilt_when_a_gminas_figures_change(project, store):
    tmp_path, _, _ = project
    assert build_strategy(tmp_path) == ["strategia:3007:2024"]
    changed = S.Store(store.frame.copy(), demo=store.demo)
    f = changed.frame
    row = (f["teryt"] == "3007012") & (f["indicator"] == "bezrobotni") & (f["year"] == 2024)
    assert row.sum() == 1
    f.loc[row, "value"] += 400
    S.write(changed, tmp_path / "indicators.parquet")
    assert build_strategy(tmp_path) == ["strategia:3007:2024"]
