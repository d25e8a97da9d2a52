"""Control findings of ``strategy build``: a notebook that saves ``X.docx`` may write
``X.kontrola.json`` beside it; the build prints its warnings under the unit and document, keeps
them in build.json and index.html, and the document still counts as built. A file not in the
format is reported. Real papermill runs of a small notebook written here."""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from strategy.batch.build import run_build
from strategy.batch.control_findings import MALFORMED, read_findings

from test_batch import options, out, record, setup_project

pytestmark = pytest.mark.slow

TABLE = """package_key = "version"
[[document]]
name = "dok"
title = "Dokument z kontrolą (test)"
notebook = "kontrola_test.ipynb"
unit = "gmina"
outputs = ["dok.docx"]
timeout = 60
[document.parameters]
teryt = "{teryt}"
"""
#: What the notebook writes as dok.kontrola.json, by gmina: two warnings, a warning without
#: its text, nothing.
WRITES = {
    "3007012": json.dumps({"warnings": [
        {"kind": "statutowy", "text": "Brak rozdziału „Monitoring i ewaluacja” (art. 16b ust. 2)."},
        {"kind": "spojnosc", "text": "Liczba rodzin różni się od podanej w diagnozie."}]},
        ensure_ascii=False),
    "3007022": json.dumps({"warnings": [{"kind": "statutowy"}]}),
}


def project(tmp_path: Path) -> Path:
    proj = setup_project(tmp_path)
    (proj / "jobs_kontrola.toml").write_text(TABLE, encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    params = nbformat.v4.new_code_cell('teryt: str = "3007012"\noutput_dir: str = "."')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(
        "import os\n"
        f"WRITES = {WRITES!r}\n"
        "with open(os.path.join(output_dir, 'dok.docx'), 'w', encoding='utf-8') as f:\n"
        "    f.write(teryt)\n"
        "if teryt in WRITES:\n"
        "    with open(os.path.join(output_dir, 'dok.kontrola.json'), 'w', encoding='utf-8') as f:\n"
        "        f.write(WRITES[teryt])")]
    nbformat.write(nb, proj / "kontrola_test.ipynb")
    return proj


def opts(proj: Path):
    o = options(proj)
    o.table, o.quiet = proj / "jobs_kontrola.toml", False
    return o


def test_warnings_are_printed_recorded_and_shown_and_the_documents_count_as_built(
        tmp_path, capsys):
    proj = project(tmp_path)
    report = run_build(opts(proj))
    assert report.exit_status == 0 and [r["status"] for r in report.ran] == ["ok"] * 3
    summary = capsys.readouterr().out
    assert "zbudowano: 3; błędy: 0;" in summary and "ostrzeżenia kontroli: 3;" in summary
    lines = [x for x in summary.splitlines() if x.startswith("OSTRZEŻENIE: ")]
    assert lines == [
        ("OSTRZEŻENIE: 3007012 Blizanów, dokument dok (dok.docx): Brak rozdziału „Monitoring "
         "i ewaluacja” (art. 16b ust. 2)."),
        ("OSTRZEŻENIE: 3007012 Blizanów, dokument dok (dok.docx): Liczba rodzin różni się od "
         "podanej w diagnozie."),
        ("OSTRZEŻENIE: 3007022 Brzeziny, dokument dok (dok.docx): plik dok.kontrola.json "
         "zapisany przez notatnik jest niepoprawny: ostrzeżenie nr 1 nie ma pola „text” "
         "(niepusty tekst); jego ostrzeżeń nie odczytano")]
    jobs = record(proj)["jobs"]
    assert [(w["kind"], w["output"]) for w in jobs["dok:3007012:2024"]["warnings"]] == [
        ("statutowy", "dok.docx"), ("spojnosc", "dok.docx")]
    assert [w["kind"] for w in jobs["dok:3007022:2024"]["warnings"]] == [MALFORMED]
    assert jobs["dok:3007032:2024"]["warnings"] == []
    assert all(j["status"] == "ok" for j in jobs.values())
    # The json is not among the placed files; the document is.
    assert out(proj, "3007012", "dok.docx").read_text(encoding="utf-8") == "3007012"
    assert not list((proj / "reports").rglob("*kontrola.json"))
    index = (proj / "reports/index.html").read_text(encoding="utf-8")
    row = next(line for line in index.splitlines() if "<td>3007012</td>" in line)
    assert "Brak rozdziału „Monitoring i ewaluacja” (art. 16b ust. 2)." in row
    assert "z ostrzeżeniami kontroli: 2" in index

    # Nothing changed: nothing runs, the warnings of the current documents are repeated as such.
    again = run_build(opts(proj))
    assert again.ran == [] and again.exit_status == 0
    lines = [x for x in capsys.readouterr().out.splitlines() if x.startswith("OSTRZEŻENIE: ")]
    assert len(lines) == 3
    assert all("(dok.docx) (dokument aktualny, ostrzeżenie z jego budowy):" in x for x in lines)


@pytest.mark.parametrize("text, problem", [
    ("{", "to nie jest poprawny plik JSON w UTF-8"),
    ('["a"]', "oczekiwano obiektu JSON z listą „warnings”"),
    ('{"warnings": "brak"}', "pole „warnings” nie jest listą"),
    ('{"warnings": ["tekst"]}', "ostrzeżenie nr 1 nie jest obiektem z polami „kind” i „text”"),
    ('{"warnings": [{"kind": "a", "text": "b"}, {"kind": "", "text": "c"}]}',
     "ostrzeżenie nr 2 nie ma pola „kind” (niepusty tekst)"),
])
def test_a_malformed_file_becomes_one_finding_saying_what_is_wrong(tmp_path, text, problem):
    (tmp_path / "strategia.kontrola.json").write_text(text, encoding="utf-8")
    [finding] = read_findings(tmp_path, ["strategia.docx"])
    assert finding["kind"] == MALFORMED and finding["output"] == "strategia.docx"
    assert finding["text"].startswith("plik strategia.kontrola.json zapisany przez notatnik jest "
                                      f"niepoprawny: {problem}")


def test_a_findings_file_of_no_output_is_still_read(tmp_path):
    (tmp_path / "inny.kontrola.json").write_text(
        '{"warnings": [{"kind": "x", "text": "Zdanie."}]}', encoding="utf-8")
    assert read_findings(tmp_path, ["dok.docx"]) == [
        {"output": "inny.kontrola.json", "kind": "x", "text": "Zdanie."}]
