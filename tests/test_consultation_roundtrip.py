"""Consultation round-trip: drafts out, files with comments, tracked changes and form rows back in,
the register and the consultation report written by 'strategy uwagi', responses kept between runs,
and a draft that went through LibreOffice (DOCX -> ODT -> DOCX) still read correctly."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from openpyxl import load_workbook

from strategy.cli import main
from strategy.consultation import collect_file, collect_folder, register_frame
from strategy.consultation.collect import FORM_HEADER
from strategy.consultation.drafts import make_drafts
from strategy.ingest.loading import load_inputs
from strategy.inputs.load import load_strategy
from strategy.plan import load_plan

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "data/raw/plany/DANE_DEMONSTRACYJNE_3007_strategia.yaml"
GMINAS = ["3007012", "3007083"]      # Blizanów, Opatówek
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DIAGNOSIS_TITLE = "Rynek pracy i bezrobocie"   # area 2 of the catalogue -> sec_3_2 / sec_Z1_2


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> list[Path]:
    store, problems, _ = load_inputs([ROOT / "data/raw/demo"], powiat="3007")
    assert not problems
    out = tmp_path_factory.mktemp("reports")
    return make_drafts(store, PLAN, "3007", "1.0", "2026-12-15", "2026-11-22", out,
                       gminas=GMINAS, inputs=load_strategy(store, load_plan(PLAN)))


# ---- helpers that play the gmina: open the draft in "Word", comment, change, fill the form ----


def _body_paragraph_after(doc, bookmark: str):
    """Return the first non-empty paragraph after the heading holding ``bookmark``."""
    paras = doc.paragraphs
    for i, p in enumerate(paras):
        names = p._p.xpath("./w:bookmarkStart/@w:name")
        if bookmark in names:
            return next(q for q in paras[i + 1:] if q.text.strip() and q.runs)
    raise AssertionError(f"no heading with bookmark {bookmark}")


def _track_replace(paragraph, author: str, new_text: str, date="2026-12-01T10:00:00Z") -> str:
    """Replace the first sentence of the paragraph's first run by ``new_text``, as a tracked
    change (w:del + w:ins by ``author``); return the deleted sentence."""
    run = paragraph.runs[0]._r
    text = "".join(t.text for t in run.iter(qn("w:t")))
    cut = text.find(". ") + 2 if ". " in text else len(text)
    old, rest = text[:cut], text[cut:]
    d = parse_xml(f'<w:del xmlns:w="{W_NS}" w:id="9001" w:author="{author}" w:date="{date}">'
                  f'<w:r><w:delText xml:space="preserve">{old}</w:delText></w:r></w:del>')
    ins = parse_xml(f'<w:ins xmlns:w="{W_NS}" w:id="9002" w:author="{author}" w:date="{date}">'
                    f'<w:r><w:t xml:space="preserve">{new_text} </w:t></w:r></w:ins>')
    keep = parse_xml(f'<w:r xmlns:w="{W_NS}"><w:t xml:space="preserve">{rest}</w:t></w:r>')
    run.addprevious(d)
    run.addprevious(ins)
    if rest:
        run.addprevious(keep)
    run.getparent().remove(run)
    return old


def _form_table(doc):
    for t in doc.tables:
        if tuple(c.text for c in t.rows[0].cells) == FORM_HEADER:
            return t
    raise AssertionError("no remarks form in the draft")


def _fill_form_row(doc, row: int, values: list[str]) -> None:
    table = _form_table(doc)
    for cell, value in zip(table.rows[row].cells, values):
        cell.paragraphs[0].add_run(value)


def make_returned(draft: Path, target: Path, *, comment_author="Anna Nowak", form=True,
                  extra_comment: str | None = None) -> dict:
    """Write a returned copy of ``draft`` under a new name; return what was put in it."""
    doc = docx.Document(draft)
    p = _body_paragraph_after(doc, "sec_3_2")
    doc.add_comment(p.runs[0], text="Dane o bezrobociu w gminie są nieaktualne.",
                    author=comment_author, initials="AN")
    if extra_comment:
        q = _body_paragraph_after(doc, "sec_7")
        doc.add_comment(q.runs[0], text=extra_comment, author="Jan Kowalski", initials="JK")
    goal = _body_paragraph_after(doc, "sec_Z1_1")
    old = _track_replace(goal, "Jan Kowalski", "Liczba ludności gminy maleje od kilku lat.")
    if form:
        _fill_form_row(doc, 1, ["1", "8.1 Cel strategiczny", "akapit 1",
                                "Brakuje działań dla seniorów.", "Dodać kierunek 1.1.4.",
                                "Rośnie liczba osób 65+."])
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.save(target)
    return {"deleted": old}


@pytest.fixture(scope="module")
def returned(drafts, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("zwroty")
    # renamed on purpose: the origin must come from the properties, not from the name
    returned_info.update(make_returned(drafts[0], folder / "uwagi_od_nas.docx"))
    return folder


returned_info: dict = {}


# ---- collecting ---------------------------------------------------------------------------


def test_every_remark_arrives_with_section_author_gmina_and_version(returned):
    remarks, log = collect_folder(returned)
    assert {(e.file, e.status) for e in log} == {("uwagi_od_nas.docx", "wczytano")}
    assert len(remarks) == 3
    for r in remarks:
        assert (r.teryt, r.gmina, r.version) == ("3007012", "Blizanów", "1.0")
    by_kind = {r.kind: r for r in remarks}
    c = by_kind["komentarz"]
    assert (c.author, c.section_id, c.section_title) == ("Anna Nowak", "3_2", DIAGNOSIS_TITLE)
    assert c.text == "Dane o bezrobociu w gminie są nieaktualne."
    z = by_kind["zmiana"]
    assert z.author == "Jan Kowalski"
    assert (z.section_id, z.section_title) == ("Z1_1", "Demografia")
    assert z.text == (f"Usunięto: „{returned_info['deleted'].strip()}”; "
                      "wstawiono: „Liczba ludności gminy maleje od kilku lat.”")
    assert z.proposed.startswith("Liczba ludności gminy maleje od kilku lat.")
    f = by_kind["formularz"]
    assert (f.section_id, f.text, f.proposed, f.justification) == (
        "8_1", "Brakuje działań dla seniorów.", "Dodać kierunek 1.1.4.", "Rośnie liczba osób 65+.")
    assert f.section_title.startswith("Cel strategiczny 1.")


def test_annex_section_typed_in_form_is_not_taken_for_a_chapter(drafts, tmp_path):
    doc = docx.Document(drafts[1])
    _fill_form_row(doc, 1, ["1", "Z1.2", "", "Stopa bezrobocia zawyżona.", "", ""])
    _fill_form_row(doc, 2, ["2", "Załącznik 1", "", "Brak danych o przemocy.", "", ""])
    doc.save(tmp_path / "x.docx")
    remarks = sorted(collect_file(tmp_path / "x.docx").remarks, key=lambda r: r.text)
    assert [(r.text, r.section_id) for r in remarks] == [
        ("Brak danych o przemocy.", "Z1"), ("Stopa bezrobocia zawyżona.", "Z1_2")]
    assert remarks[1].section_title == DIAGNOSIS_TITLE


def _responses(xlsx: Path, values: dict[str, tuple[str, str]]) -> None:
    """Type responses into the register (by the remark text), as an author would in Excel."""
    wb = load_workbook(xlsx)
    ws = wb.active
    head = [c.value for c in ws[1]]
    col_text, col_resp, col_just = (head.index(h) + 1 for h in
                                    ("Uwaga", "Stanowisko", "Uzasadnienie stanowiska"))
    for row in range(2, ws.max_row + 1):
        text = ws.cell(row, col_text).value or ""
        for key, (resp, just) in values.items():
            if text.startswith(key):
                ws.cell(row, col_resp).value = resp
                ws.cell(row, col_just).value = just
    wb.save(xlsx)


def test_uwagi_twice_keeps_responses_adds_new_and_counts_duplicates_once(drafts, tmp_path, capsys):
    folder = tmp_path / "zwroty"
    make_returned(drafts[0], folder / "blizanow.docx")
    assert main(["uwagi", str(folder)]) == 0
    out = capsys.readouterr().out
    xlsx, report = folder / "rejestr_uwag.xlsx", folder / "raport_z_konsultacji.docx"
    assert f"Raport z konsultacji: {report}" in out
    first = register_frame(xlsx)
    assert len(first) == 3
    _responses(xlsx, {"Dane o bezrobociu": ("uwzględniono", "Dane zaktualizowano."),
                      "Brakuje działań": ("nie uwzględniono", "Zadanie gminy.")})
    # second run: Opatówek's file arrives, and Blizanów's file is sent again under another name
    make_returned(drafts[1], folder / "opatowek.docx", comment_author="Ewa Lis", form=False,
                  extra_comment="Misja jest zbyt ogólna.")
    shutil.copy(folder / "blizanow.docx", folder / "blizanow_ponownie.docx")
    assert main(["uwagi", str(folder)]) == 0
    reg = register_frame(xlsx)
    assert len(reg) == 3 + 3        # Opatówek: 2 comments + 1 change; the copy adds nothing
    assert reg["Lp."].tolist() == ["1", "2", "3", "4", "5", "6"]
    kept = reg.set_index("Uwaga")
    assert kept.loc["Dane o bezrobociu w gminie są nieaktualne.", "Stanowisko"].tolist() == [
        "uwzględniono", ""]       # Blizanów's answered, Opatówek's same text is a new remark
    assert kept.loc["Dane o bezrobociu w gminie są nieaktualne.", "Gmina"].tolist() == [
        "Blizanów (3007012)", "Opatówek (3007083)"]
    just = reg.loc[reg["Uwaga"].str.startswith("Brakuje działań"), "Uzasadnienie stanowiska"]
    assert just.tolist() == ["Zadanie gminy."]
    new = reg.iloc[3:]
    assert set(new["Gmina"]) == {"Opatówek (3007083)"}
    assert (new["Wersja"] == "1.0").all()
    assert "Misja jest zbyt ogólna." in set(new["Uwaga"])
    assert reg.loc[reg["Uwaga"] == "Misja jest zbyt ogólna.", "Rozdział"].tolist() == [
        "7 Misja i wizja"]
    # the report was rewritten from the register with the typed responses
    text = "\n".join(p.text for p in docx.Document(report).paragraphs)
    assert "Liczba gmin, które zgłosiły uwagi: 2 (Blizanów (3007012), Opatówek (3007083))." in text
    assert "Liczba zgłoszonych uwag: 6." in text
    assert "uwzględniono: 1; nie uwzględniono: 1; bez stanowiska: 4" in text


# ---- LibreOffice --------------------------------------------------------------------------


def _soffice_convert(src: Path, fmt: str, outdir: Path, profile: Path) -> Path:
    cmd = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--convert-to", fmt, "--outdir", str(outdir), str(src)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=240)
    return outdir / f"{src.stem}.{fmt.split(':')[0]}"


def test_draft_survives_libreoffice_round_trip(drafts, tmp_path):
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is required for this test")
    profile = tmp_path / "profile"
    odt = _soffice_convert(drafts[0], "odt", tmp_path / "odt", profile)
    back = _soffice_convert(odt, "docx:MS Word 2007 XML", tmp_path / "docx", profile)
    fr = collect_file(back)
    assert fr.ok, fr.problem
    assert (fr.teryt, fr.gmina, fr.version, fr.document) == (
        "3007012", "Blizanów", "1.0", "strategia_powiatu")
    # the gmina comments the LibreOffice copy: the section is still found
    doc = docx.Document(back)
    p = _body_paragraph_after(doc, "sec_3_2")
    doc.add_comment(p.runs[0], text="Uwaga po LibreOffice.", author="Anna Nowak", initials="AN")
    _fill_form_row(doc, 1, ["1", "6", "", "Prognoza zbyt optymistyczna.", "", ""])
    doc.save(tmp_path / "lo_zwrot.docx")
    remarks = {r.kind: r for r in collect_file(tmp_path / "lo_zwrot.docx").remarks}
    assert (remarks["komentarz"].section_id, remarks["komentarz"].section_title) == (
        "3_2", DIAGNOSIS_TITLE)
    assert (remarks["formularz"].section_id, remarks["formularz"].section_title) == (
        "6", "Prognoza zmian")
