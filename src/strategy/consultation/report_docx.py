"""The consultation report (raport z konsultacji) as a Word document.

In: the register of remarks (the XLSX of :mod:`.register`, with the responses the authors typed
in ``Stanowisko`` and ``Uzasadnienie stanowiska``). Out: a .docx built with the Word engine:
title, an introduction (which version, how many gminas sent remarks, counts by kind and by
response), the table of remarks on landscape pages (Lp., gmina, autor, fragment / rozdział,
uwaga, proponowana zmiana, stanowisko, uzasadnienie) with its source line. Deterministic: the
same register and date give the same bytes.
"""
from __future__ import annotations

from collections import Counter
from datetime import date as _date
from pathlib import Path

import pandas as pd

from ..documents import Report, read_custom_properties
from ..errors import DocumentError
from ..text import konsultacje as text
from .drafts import PROP_DEMO
from .register import RESPONSES, register_frame

DEFAULT_TITLE = "Raport z konsultacji projektu strategii rozwiązywania problemów społecznych"
REPORT_NAME = "raport_z_konsultacji.docx"
TABLE_COLUMNS = ["Lp.", "Gmina", "Autor", "Fragment / rozdział", "Uwaga", "Proponowana zmiana",
                 "Stanowisko", "Uzasadnienie"]
NO_RESPONSE = "bez stanowiska"
#: Longest quoted fragment in the table (the register keeps the whole one).
FRAGMENT_CHARS = 300
#: Longest remark or proposed wording in the table; longer ones point to the register.
TEXT_CHARS = 1200
CUT_NOTE = " […] (pełny tekst w rejestrze uwag)"


def report_frame(register: pd.DataFrame) -> pd.DataFrame:
    """Return the table of the report from a register frame (columns :data:`TABLE_COLUMNS`)."""
    rows = []
    cols = list(register.columns)
    for values in register.fillna("").itertuples(index=False, name=None):
        row = dict(zip(cols, values))
        get = lambda c: str(row.get(c, "") or "").strip()  # noqa: E731
        section, fragment = get("Rozdział"), get("Fragment")
        if len(fragment) > FRAGMENT_CHARS:
            fragment = fragment[:FRAGMENT_CHARS].rstrip() + " […]"
        where = section
        if fragment:
            where = f"{section}: „{fragment}”" if section else f"„{fragment}”"
        rows.append({"Lp.": get("Lp."), "Gmina": get("Gmina"), "Autor": get("Autor"),
                     "Fragment / rozdział": where, "Uwaga": _cut(get("Uwaga")),
                     "Proponowana zmiana": _cut(get("Proponowana zmiana")),
                     "Stanowisko": get("Stanowisko") or NO_RESPONSE,
                     "Uzasadnienie": get("Uzasadnienie stanowiska")})
    return pd.DataFrame(rows, columns=TABLE_COLUMNS, dtype="string")


def _cut(text: str) -> str:
    return text if len(text) <= TEXT_CHARS else text[:TEXT_CHARS].rstrip() + CUT_NOTE


def intro_sentences(register: pd.DataFrame) -> list[str]:
    """Return the Polish introduction: versions, gminas, counts by kind and by response
    (the sentences: :func:`strategy.text.konsultacje.intro_sentences`)."""
    reg = register.fillna("")
    kinds = Counter(reg["Rodzaj"])
    kind_order = list(text.KIND_NAMES) + sorted(set(kinds) - set(text.KIND_NAMES))
    responses = Counter(s if s else NO_RESPONSE for s in reg["Stanowisko"])
    order = list(RESPONSES) + sorted(set(responses) - set(RESPONSES) - {NO_RESPONSE}) + [NO_RESPONSE]
    return text.intro_sentences(sorted({v for v in reg["Wersja"] if v}),
                                sorted({g for g in reg["Gmina"] if g}), len(reg),
                                [(k, kinds.get(k, 0)) for k in kind_order],
                                [(s, responses.get(s, 0)) for s in order])


def build_consultation_report(register_xlsx: str | Path, out_path: str | Path, *,
                              title: str = DEFAULT_TITLE, author: str = "",
                              date: str | _date | None = None, demo: bool = False) -> Path:
    """Write the consultation report for the register at ``register_xlsx``; return its path."""
    register = register_frame(register_xlsx)
    if not len(register):
        raise DocumentError(f"rejestr uwag {register_xlsx} jest pusty: raportu nie utworzono")
    rep = Report(title=title, subject="Raport z konsultacji", author=author, demo=demo,
                 date=date, keywords=["konsultacje", "uwagi gmin"])
    rep.heading(title, 1, bookmark="sec_raport", numbered=False)
    if date:
        rep.paragraph(text.as_of(date))
    rep.paragraph(" ".join(intro_sentences(register)))
    rep.paragraph(text.table_intro())
    if demo:
        rep.paragraph({"text": text.demo_note(), "bold": True})
    source = f"opracowanie własne na podstawie rejestru uwag ({Path(register_xlsx).name})"
    rep.table(report_frame(register), "Uwagi zgłoszone w konsultacjach i stanowisko do nich",
              source, landscape=True, widths=[1.0, 2.8, 2.4, 4.2, 5.0, 4.0, 2.6, 3.7])
    return rep.save(out_path)


def drafts_are_demo(paths) -> bool:
    """Return True when any of the .docx ``paths`` carries the demo property of the drafts."""
    for p in paths:
        if Path(p).suffix.lower() != ".docx":
            continue
        try:
            if read_custom_properties(p).get(PROP_DEMO) in (True, "true", "1"):
                return True
        except DocumentError:
            continue
    return False
