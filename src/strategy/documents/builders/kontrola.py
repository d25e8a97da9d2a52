"""The control annex of a draft: "Kontrola spójności" - what was checked and what was found.

In: a :class:`strategy.documents.blocks.Recorder` (the document's blocks so far) and the findings of
:func:`strategy.consistency.check_powiat` (a :class:`~strategy.consistency.Control`: every
category's status and the findings, each a Polish sentence with both values and places).
Out: :func:`control_annex` - which documents were compared, what each category checks, a table
of the categories (kategoria, stan, wynik), a table of the findings and the conclusion, which
says "Nie stwierdzono niespójności" only when every category was checked in full and nothing
was found; :func:`chapter` - the strategy's last annex (chapter
``kontrola`` of :data:`strategy.documents.outline.STRATEGY`) with its own heading, numbered
after the annexes before it.
"""
from __future__ import annotations

import pandas as pd

from ...consistency import CHECKED, CHECKS, NOT_CHECKED, NOTE_KINDS, Control, Finding
from ...text import kontrola as text
from ...text.grammar import count
from ..report import Report
from .common import source

TITLE = "Kontrola spójności"
NIESPOJNOSC = ("niespójność", "niespójności", "niespójności")
UWAGA = ("uwaga", "uwagi", "uwag")
SOURCE = "opracowanie własne – porównanie planów dokumentów i danych jednostek"


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """Return one row per finding: the category's name and the sentence."""
    rows = [{"Kategoria": CHECKS.get(f.kind, (f.kind, ""))[0]
             + (" (uwaga)" if f.kind in NOTE_KINDS else ""), "Ustalenie": f.text}
            for f in findings]
    return pd.DataFrame(rows, columns=["Kategoria", "Ustalenie"])


def categories_frame(control: Control) -> pd.DataFrame:
    """Return one row per category: its name, its status and its result (what was found, what
    was not checked and why)."""
    rows = []
    for st in control.statuses:
        n = sum(1 for f in control.findings if f.kind == st.kind)
        if st.state == NOT_CHECKED:
            result = st.note or "–"
        else:
            forms = UWAGA if st.kind in NOTE_KINDS else NIESPOJNOSC
            found = count(n, forms) if n else ("brak uwag" if st.kind in NOTE_KINDS
                                               else "zgodne" if st.state == CHECKED
                                               else "zgodne w sprawdzonym zakresie")
            result = found + (f"; {st.note}" if st.note else "")
        rows.append({"Kategoria": CHECKS[st.kind][0], "Stan": st.state, "Wynik": result})
    return pd.DataFrame(rows, columns=["Kategoria", "Stan", "Wynik"])


def control_annex(rep: Report, control: Control, *, demo: bool = False) -> None:
    """Write which documents were compared, what each category checks, the categories with
    their status, the findings and the conclusion."""
    rep.paragraph(text.compared_intro(control.compared))
    rep.bullets(text.check_items(CHECKS.values()))
    ref = rep.table(categories_frame(control), "Kategorie kontroli spójności i ich stan",
                    source(SOURCE, demo), widths=[3.6, 2.8, 9.6])
    if control.findings:
        found = rep.table(findings_frame(control.findings),
                          "Niespójności i uwagi – strategia, programy i dane",
                          source(SOURCE, demo), widths=[3.6, 12.4])
        rep.paragraph(text.categories_note(with_findings=True), refs={"k": ref, "f": found})
    else:
        rep.paragraph(text.categories_note(with_findings=False), refs={"k": ref})
    rep.paragraph(control.conclusion())


def chapter(rep: Report, ctx) -> None:
    """The strategy's control annex: ``Załącznik N. Kontrola spójności`` with the findings of
    ``ctx.findings`` (see :func:`strategy.documents.builders.strategia.strategy_document`)."""
    annexes = sum(1 for h in rep.headings() if h.startswith("Załącznik "))
    rep.page_break()
    rep.heading(f"Załącznik {annexes + 1}. {TITLE}", 1, numbered=False)
    if ctx.findings is None:
        rep.paragraph(text.not_checked())
        return
    control_annex(rep, ctx.findings, demo=ctx.demo)
