"""Polish typesetting of the documents: the text normaliser on hand-written cases, the minus sign
and grouping of numbers, table column widths from measured text widths, landscape pages for wide
tables, keep-with-next on headings and captions."""
from __future__ import annotations

import docx
import pandas as pd
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from strategy.documents import Report
from strategy.text import fmt_amount, fmt_number, fmt_signed
from strategy.text.typography import typeset

NBSP, MINUS, NDASH = "\u00a0", "\u2212", "\u2013"


def nb(text: str) -> str:
    """Expected strings are written with "~" where a no-break space is meant."""
    return text.replace("~", NBSP)


# ------------------------------------------------------------------------- the normaliser
@pytest.mark.parametrize("raw, expected", [
    ("Strategia obowiązuje do 2030 r. włącznie.", "Strategia obowiązuje do 2030~r. włącznie."),
    ("w latach 2026 r. i 2027 r.", "w latach 2026~r. i 2027~r."),
    ("budżet powiatu: 1 850 000 zł", "budżet powiatu: 1~850~000~zł"),
    ("koszt 15 zł za godzinę", "koszt 15~zł za godzinę"),
    ("wzrost o 12 % rok do roku", "wzrost o 12~% rok do roku"),
    ("grupa 120 os. w roku", "grupa 120~os. w roku"),
    ("na 10 tys. mieszkańców", "na 10~tys. mieszkańców"),
    ("wydatki 2,5 mln zł", "wydatki 2,5~mln~zł"),
    ("kwota 10 tys. zł", "kwota 10~tys.~zł"),
    ("zgodnie z art. 17 ust. 1", "zgodnie z art.~17 ust.~1"),
    ("saldo migracji -84 osoby", f"saldo migracji {MINUS}84 osoby"),
    ("zmiana (-3,5%)", f"zmiana ({MINUS}3,5%)"),
    ("-12", f"{MINUS}12"),
    ('program "Niebieskie Karty" i "Asystent"', "program „Niebieskie Karty” i „Asystent”"),
    ('"Za życiem"', "„Za życiem”"),
    ("strategia na lata 2026-2035", f"strategia na lata 2026{NDASH}2035"),
    ("od 1-3 dni", f"od 1{NDASH}3 dni"),
    ("dzieci w wieku 0-17 lat", f"dzieci w wieku 0{NDASH}17 lat"),
    ("od 1,5-2,5 etatu", f"od 1,5{NDASH}2,5 etatu"),
    ("lata 2020 - 2024", f"lata 2020{NDASH}2024"),
])
def test_normaliser_sets_polish_typography(raw, expected):
    assert typeset(raw) == nb(expected)


@pytest.mark.parametrize("untouched", [
    "wersja z 2025-05-12",                                  # ISO date
    "stan na 2024-12-31T00:00",                             # date and time
    "gmina o kodzie TERC 3007083",                          # TERC code
    "kod 3007 i 3007012",
    "plik DANE_DEMONSTRACYJNE_3007_strategia.yaml",        # identifiers, file names
    "plik raport-2024-1.xlsx",
    "dzieci_rz_zawodowe-1",
    "https://bdl.stat.gov.pl/api/v1/data/by-unit/3007?year=2020-2024",
    "www.pcpr-kalisz.pl/2024-1",
    "pcpr-2024@kalisz.pl",
    "dane/raw/2020-2024/plik",                              # a path
    "62-800 Kalisz",                                        # postal code
    "wynik 5-3",                                            # not an increasing range
    "ABC-12 i 12-ABC",                                      # parts of codes
    "w 1437 przypadkach",                                   # four digits stay unbroken
    "Tekst bez liczb, cudzysłowów i łączników.",
])
def test_normaliser_leaves_dates_codes_identifiers_files_and_urls_alone(untouched):
    assert typeset(untouched) == untouched


def test_normaliser_is_idempotent_and_keeps_already_set_text():
    raw = 'W 2030 r. "program" kosztuje 1 850 000 zł (-5%), lata 2026-2035, plik a-1.csv'
    once = typeset(raw)
    assert typeset(once) == once
    assert once == nb(f"W 2030~r. „program” kosztuje 1~850~000~zł ({MINUS}5%), "
                      f"lata 2026{NDASH}2035, plik a-1.csv")


def test_numbers_have_a_real_minus_and_one_grouping_rule():
    assert fmt_number(-84) == f"{MINUS}84"
    assert fmt_signed(-2.3, 1) == f"{MINUS}2,3" and fmt_signed(2.3, 1) == "+2,3"
    assert fmt_amount(-1500, 0) == nb(f"{MINUS}1500~zł")
    # groups from five digits on, in text and in tables alike
    assert fmt_number(1437) == "1437"
    assert fmt_number(12345) == nb("12~345")
    rep = Report(title="Liczby")
    rep.table(pd.DataFrame({"Gmina": ["A", "B"], "Liczba": [1437, 12345]}), "Liczby", "test")
    doc = rep.doc
    assert [r.cells[1].text for r in doc.tables[0].rows] == ["Liczba", "1437", nb("12~345")]


# ------------------------------------------------------------------------- table layout
# Arial (= Liberation Sans) advance widths in 1/1000 em: digits 556, comma 278, no-break space
# 278; bold "Tendencja": T 611, e 556, n 611, d 611, e 556, n 611, c 556, j 278, a 556.
CELL_MARGINS_TWIPS = 2 * 85


def twips(emu) -> float:
    return emu / 635


def test_no_column_is_narrower_than_its_longest_number_or_header_word(tmp_path):
    number = 1850000.0
    df = pd.DataFrame({"Kwota": [number, 2.5], "Tendencja": ["wzrost", "spadek"],
                       "Opis": ["krótki", "opis " * 30]})
    rep = Report(title="Szerokości")
    # the builder's hints would cut the number and the header word
    rep.table(df, "Kwoty", "test", widths=[0.8, 0.8, 14.4], formats={"Kwota": 2})
    doc = docx.Document(str(rep.save(tmp_path / "t.docx")))
    table = doc.tables[0]
    assert table.rows[1].cells[0].text == nb("1~850~000,00")
    widths = [twips(c.width) for c in table.columns]
    # "1 850 000,00": 9 digits, 2 no-break spaces, a comma, at 9 pt
    number_pt = (9 * 556 + 2 * 278 + 278) / 1000 * 9
    assert widths[0] >= number_pt * 20 + CELL_MARGINS_TWIPS
    header_pt = (611 + 556 + 611 + 611 + 556 + 611 + 556 + 278 + 556) / 1000 * 9   # bold
    assert widths[1] >= header_pt * 20 + CELL_MARGINS_TWIPS
    text_width = twips(doc.sections[0].page_width - doc.sections[0].left_margin
                       - doc.sections[0].right_margin)
    assert sum(widths) <= text_width + 1
    assert widths[2] > widths[0] and widths[2] > widths[1]   # the text column takes the rest


def test_a_table_too_wide_for_a_portrait_page_goes_landscape_with_its_heading(tmp_path):
    wide = pd.DataFrame({f"Rok {2013 + k}": [123456789.0 + k, 987654321.0] for k in range(12)})
    rep = Report(title="Szeroka tabela")
    rep.heading("Wprowadzenie")
    rep.paragraph("Akapit na stronie pionowej.")
    rep.heading("Finanse")
    rep.table(wide, "Dwanaście kolumn dużych liczb", "test", formats=dict.fromkeys(wide.columns, 0))
    rep.paragraph("Dalej pionowo.")
    doc = docx.Document(str(rep.save(tmp_path / "szeroka.docx")))
    portrait, landscape, back = doc.sections
    assert landscape.page_width > landscape.page_height
    assert portrait.page_width < portrait.page_height and back.page_width < back.page_height
    # 12 columns of "123 456 789" at 9 pt need more than a portrait text width (16,5 cm)
    need = 12 * ((9 * 556 + 2 * 278) / 1000 * 9 * 20 + CELL_MARGINS_TWIPS)
    assert need > twips(portrait.page_width - portrait.left_margin - portrait.right_margin)
    widths = [twips(c.width) for c in doc.tables[0].columns]
    assert all(w >= need / 12 for w in widths)
    # the heading "Finanse" opens the landscape page: it stands after the section break
    body = list(doc.element.body.iterchildren(qn("w:p")))
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body]
    first_break = next(i for i, p in enumerate(body) if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
                       is not None)
    assert texts.index("Akapit na stronie pionowej.") < first_break < texts.index("Finanse")


def test_a_table_too_wide_even_for_landscape_gets_a_smaller_font(tmp_path):
    wide = pd.DataFrame({f"K{k}": [123456789.0] for k in range(14)})
    rep = Report(title="Bardzo szeroka")
    rep.table(wide, "Czternaście kolumn", "test", formats=dict.fromkeys(wide.columns, 0))
    doc = docx.Document(str(rep.save(tmp_path / "b.docx")))
    sec = doc.sections[1]
    assert sec.page_width > sec.page_height
    text_width = twips(sec.page_width - sec.left_margin - sec.right_margin)     # 25,2 cm
    number_em = (9 * 556 + 2 * 278) / 1000                  # "123 456 789"
    # at 8 pt 14 columns need more than the landscape width even without any slack, at 7 pt
    # they fit
    assert 14 * (number_em * 8 * 20 + CELL_MARGINS_TWIPS) > text_width
    assert 14 * (number_em * 7 * 20 + CELL_MARGINS_TWIPS) < text_width
    sizes = {r.font.size for row in doc.tables[0].rows for c in row.cells
             for p in c.paragraphs for r in p.runs}
    assert sizes == {docx.shared.Pt(7)}
    widths = [twips(c.width) for c in doc.tables[0].columns]
    assert all(w >= number_em * 7 * 20 + CELL_MARGINS_TWIPS for w in widths)


def test_builder_widths_are_kept_when_they_leave_room():
    from strategy.documents.tables import layout_table

    df = pd.DataFrame({"Nazwa": ["Blizanów", "Brzeziny"], "Liczba": [12, 7]})
    layout = layout_table(df, text_width=int(Cm(16)), widths=[10.0, 6.0])
    # both columns have more than their longest line needs and nothing would wrap: the hints
    # stand as given
    assert [round(w / Cm(1), 2) for w in layout.widths] == [10.0, 6.0]


# ------------------------------------------------------------------------- keep with next
def test_headings_and_captions_keep_with_the_next_paragraph(tmp_path):
    rep = Report(title="Nagłówki")
    rep.heading("Rozdział")
    rep.heading("Podrozdział", 2)
    rep.heading("Punkt", 3)
    rep.table(pd.DataFrame({"a": [1]}), "Tabela próbna", "test")
    doc = docx.Document(str(rep.save(tmp_path / "n.docx")))
    for name in ("Heading 1", "Heading 2", "Heading 3", "Caption", "TOC Heading"):
        assert doc.styles[name].paragraph_format.keep_with_next is True, name
    # the header row of a table keeps with the first body row
    head = doc.tables[0].rows[0].cells[0].paragraphs[0]
    assert head.style.paragraph_format.keep_with_next is True


def test_headings_and_captions_keep_with_next_also_on_a_template_without_it(tmp_path):
    from strategy.documents.reference import reference_path

    template = docx.Document(str(reference_path()))
    for name in ("Heading 1", "Heading 2", "Caption"):
        template.styles[name].paragraph_format.keep_with_next = False
    path = tmp_path / "szablon.docx"
    template.save(str(path))
    rep = Report(path, title="Szablon użytkownika")
    rep.heading("Rozdział")
    rep.heading("Podrozdział", 2)
    rep.paragraph("Tekst.")
    rep.table(pd.DataFrame({"a": [1]}), "Tabela próbna", "test")
    doc = docx.Document(str(rep.save(tmp_path / "u.docx")))
    assert doc.styles["Heading 1"].paragraph_format.keep_with_next is False
    kept = {p.text: p.paragraph_format.keep_with_next for p in doc.paragraphs}
    assert kept["Rozdział"] is True and kept["Podrozdział"] is True
    assert kept["Tabela 1. Tabela próbna"] is True
    assert kept["Tekst."] is None


def test_a_cited_provision_keeps_each_number_with_the_abbreviation_before_it():
    assert typeset("art. 12 pkt 11 i ust. 2 pkt 2") == nb("art.~12 pkt~11 i ust.~2 pkt~2")
