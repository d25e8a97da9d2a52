"""Remarks read from returned drafts: comments, tracked changes, form rows, origin, duplicates."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "consultation"))
from consultation_builders import _rev, _run, minimal_docx, returned_docx  # noqa: E402

from strategy.consultation import collect_file, collect_folder, remark_id  # noqa: E402
from strategy.consultation.collect import MAX_TEXT_CHARS  # noqa: E402

PROPS = {"strategy_document": "strategia_powiatu", "strategy_version": "2.1",
         "strategy_teryt": "3007083", "strategy_gmina": "Opatówek", "strategy_sent": "2026-03-01"}


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    return returned_docx(tmp_path_factory.mktemp("zwrot") / "blizanow.docx")


@pytest.fixture(scope="module")
def result(good):
    return collect_file(good)


def _one(remarks, **match):
    found = [r for r in remarks if all(getattr(r, k) == v for k, v in match.items())]
    assert len(found) == 1, found
    return found[0]


def test_origin_comes_from_custom_properties(result):
    assert result.ok
    assert (result.teryt, result.gmina, result.version) == ("3007012", "Blizanów", "1.0")
    assert result.document == "strategia_powiatu" and result.sent == "2026-03-01"
    assert result.notes == []
    assert {r.teryt for r in result.remarks} == {"3007012"}
    assert {r.file for r in result.remarks} == {"blizanow.docx"}


def test_counts_by_kind(result):
    kinds = [r.kind for r in result.remarks]
    # 2 top-level comments (the reply is folded into its parent), 4 changes, 1 filled form row
    assert kinds.count("komentarz") == 2
    assert kinds.count("zmiana") == 4
    assert kinds.count("formularz") == 1


def test_comment_with_reply_and_section_from_bookmark_inside_heading(result):
    r = _one(result.remarks, kind="komentarz", author="Anna Nowak")
    assert (r.section_id, r.section_title) == ("1", "Wprowadzenie")
    assert r.fragment == "Dokument przygotował PCPR w Kaliszu."
    assert r.text.startswith("Proszę dodać współpracę z OPS.")
    assert "Piotr Zieliński" in r.text and "Dodamy w rozdziale 5." in r.text
    assert not [x for x in result.remarks if x.author == "Piotr Zieliński"]


def test_comment_range_includes_inserted_text_and_all_paragraphs(result):
    r = _one(result.remarks, kind="komentarz", author="Ewa Lis")
    assert (r.section_id, r.section_title) == ("3_2", "Cele strategiczne")
    assert r.fragment == "oraz seniorów w całym powiecie."
    assert r.text == "Seniorzy też potrzebują wsparcia.\nDrugi akapit uwagi."
    assert r.date == "2026-03-11 10:00"


def test_replacement_by_one_author_is_one_remark_with_sentence_context(result):
    r = _one(result.remarks, kind="zmiana", author="Jan Kowalski")
    assert (r.section_id, r.section_title) == ("3_2", "Cele strategiczne")
    assert r.fragment == "Planujemy zatrudnić dwóch asystentów rodziny w każdej gminie."
    assert r.proposed == "Planujemy zatrudnić trzech asystentów rodziny w każdej gminie."
    assert "„dwóch”" in r.text and "„trzech”" in r.text
    assert r.date == "2026-03-10 09:15"


def test_insertion_and_moves(result):
    ins = _one(result.remarks, kind="zmiana", author="Ewa Lis", fragment="Wsparcie obejmie rodziny z dziećmi w całym powiecie.")
    assert ins.proposed == "Wsparcie obejmie rodziny z dziećmi oraz seniorów w całym powiecie."
    moves = [r for r in result.remarks if r.kind == "zmiana" and "Przeniesiono" in r.text]
    assert len(moves) == 2
    src = _one(moves, fragment="Program ruszy w 2027 r. po uchwale rady.")
    assert src.proposed == "Program ruszy po uchwale rady."
    assert any("„w 2027 r.”" in m.text and "tutaj" in m.text for m in moves)


def test_filled_form_row_only(result):
    r = _one(result.remarks, kind="formularz")
    assert (r.section_id, r.section_title) == ("3_2", "Cele strategiczne")
    assert r.fragment == "s. 12, akapit 2"
    assert r.text == "Brak działań dla seniorów."
    assert r.proposed == "Dodać kierunek: usługi opiekuńcze dla seniorów."
    assert r.justification == "W gminie rośnie liczba osób 65+."
    assert r.author == "Blizanów"


def test_ids_are_unique_and_stable(result, good):
    ids = [r.id for r in result.remarks]
    assert len(set(ids)) == len(ids)
    assert [r.id for r in collect_file(good).remarks] == ids
    r = _one(result.remarks, kind="formularz")
    assert r.id == remark_id("3007012", "1.0", "formularz", "Blizanów",
                             "3.2 Cele strategiczne|s. 12, akapit 2", "Brak działań dla seniorów.")


def test_same_file_twice_gives_remarks_once(good, tmp_path):
    shutil.copy(good, tmp_path / "a_blizanow.docx")
    shutil.copy(good, tmp_path / "b_blizanow_ponownie.docx")
    remarks, log = collect_folder(tmp_path)
    assert len(remarks) == 7
    assert {r.file for r in remarks} == {"a_blizanow.docx"}
    notes = [e for e in log if e.file == "b_blizanow_ponownie.docx" and e.status == "uwaga"]
    assert notes and "7" in notes[0].message and "a_blizanow.docx" in notes[0].message


def test_same_comment_from_two_gminas_is_two_remarks(tmp_path):
    returned_docx(tmp_path / "1.docx", teryt="3007012", gmina="Blizanów")
    returned_docx(tmp_path / "2.docx", teryt="3007022", gmina="Brzeziny")
    remarks, _ = collect_folder(tmp_path)
    assert len(remarks) == 14
    assert sorted({r.gmina for r in remarks}) == ["Blizanów", "Brzeziny"]


def test_missing_properties_fall_back_to_file_name_with_note(tmp_path):
    path = returned_docx(tmp_path / "uwagi_3007053_v1_2.docx", teryt=None)
    fr = collect_file(path)
    assert fr.ok
    assert (fr.teryt, fr.gmina, fr.version) == ("3007053", "Koźminek", "1.2")
    assert any("nazwy pliku" in n for n in fr.notes)
    assert {r.teryt for r in fr.remarks} == {"3007053"}


def test_unknown_origin_is_said(tmp_path):
    fr = collect_file(returned_docx(tmp_path / "uwagi.docx", teryt=None))
    assert fr.ok and fr.teryt == "" and fr.gmina == ""
    assert any("nie ustalono" in n for n in fr.notes)


def test_empty_form_rows_are_skipped(tmp_path):
    rows = [["1", "", "", "", "", ""], ["2", "", "", "Uwaga ogólna.", "", ""], ["3", "", "", "", "", ""]]
    fr = collect_file(returned_docx(tmp_path / "f.docx", form_rows=rows))
    form = [r for r in fr.remarks if r.kind == "formularz"]
    assert [r.text for r in form] == ["Uwaga ogólna."]
    assert form[0].section_id == "" and form[0].section_title == ""


def test_adjacent_revisions_split_by_author_and_by_distance(tmp_path):
    inner = [
        '<w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:bookmarkStart w:id="1" w:name="sec_2"/>'
        + _run("Diagnoza bez stylu") + '<w:bookmarkEnd w:id="1"/>',
        _run("Liczba rodzin wynosi ")
        + _rev("del", "A", 1, _run("40", deleted=True)) + _rev("ins", "B", 2, _run("43"))
        + _run(" rodziny. W gminie działa ")
        + _rev("ins", "A", 3, _run("jeden")) + _run(" ") + _rev("ins", "A", 4, _run("nowy"))
        + _run(" klub seniora."),
    ]
    fr = collect_file(minimal_docx(tmp_path / "m.docx", inner, props=PROPS))
    changes = [r for r in fr.remarks if r.kind == "zmiana"]
    assert [(r.author, r.section_id, r.section_title) for r in changes] == [
        ("A", "2", "Diagnoza bez stylu"), ("B", "2", "Diagnoza bez stylu"), ("A", "2", "Diagnoza bez stylu")]
    assert changes[0].fragment == "Liczba rodzin wynosi 40 rodziny."
    # whitespace is normalised: the double space left by the deletion becomes one
    assert changes[0].proposed == "Liczba rodzin wynosi rodziny."
    assert changes[1].proposed == "Liczba rodzin wynosi 4043 rodziny."
    # two insertions by A separated only by a space: one remark
    assert changes[2].fragment == "W gminie działa klub seniora."
    assert changes[2].proposed == "W gminie działa jeden nowy klub seniora."
    assert fr.version == "2.1" and fr.gmina == "Opatówek"


def test_deleted_text_is_not_lost_when_paragraph_is_removed(tmp_path):
    inner = [_rev("del", "Kasia", 1, _run("Całe zdanie do usunięcia.", deleted=True))]
    fr = collect_file(minimal_docx(tmp_path / "d.docx", inner, props=PROPS))
    (r,) = fr.remarks
    assert r.text == "Usunięto: „Całe zdanie do usunięcia.”"
    assert r.fragment == "Całe zdanie do usunięcia." and r.proposed == ""
    assert any("zakładek" in n for n in fr.notes)  # no sec_* bookmarks in this file


def test_changes_typed_into_the_form_are_not_reported_twice(tmp_path):
    path = returned_docx(tmp_path / "f.docx")
    from consultation_builders import rewrite_package
    import zipfile
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode()
    marked = xml.replace("<w:t>Brak działań dla seniorów.</w:t>",
                         '</w:r><w:ins w:id="77" w:author="Gmina" w:date="2026-03-12T00:00:00Z"><w:r>'
                         "<w:t>Brak działań dla seniorów.</w:t></w:r></w:ins><w:r>", 1)
    assert marked != xml
    out = rewrite_package(path.read_bytes(), tmp_path / "g.docx", replace={"word/document.xml": marked.encode()})
    fr = collect_file(out)
    assert [r.text for r in fr.remarks if r.kind == "formularz"] == ["Brak działań dla seniorów."]
    assert not [r for r in fr.remarks if r.author == "Gmina"]


def test_enormous_comment_is_truncated_and_said(tmp_path):
    fr = collect_file(returned_docx(tmp_path / "big.docx", big_comment=25_000))
    big = [r for r in fr.remarks if r.kind == "komentarz" and r.text.startswith("Długa uwaga.")]
    assert len(big) == 1
    assert len(big[0].text) < MAX_TEXT_CHARS + 100
    assert "skrócono" in big[0].text
    assert any("skrócono" in n for n in fr.notes)
