"""The control annex of a draft: "Kontrola spójności" - what was checked and what was found.

In: a :class:`strategy.documents.blocks.Recorder` (the document's blocks so far) and the findings of
:func:`strategy.consistency.check_powiat` (kind, unit, Polish sentence with both numbers).
Out: :func:`control_annex` - what the checks compare, then a table of the findings, or a
sentence that none were found; :func:`chapter` - the strategy's last annex (chapter
``kontrola`` of :data:`strategy.documents.outline.STRATEGY`) with its own heading, numbered
after the annexes before it.
"""
from __future__ import annotations

import pandas as pd

from ...consistency import CHECKS, Finding
from ..report import Report
from .common import count, source

TITLE = "Kontrola spójności"
NIESPOJNOSC = ("niespójność", "niespójności", "niespójności")
SOURCE = "opracowanie własne – porównanie planów dokumentów i danych jednostek"


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """Return one row per finding: the check's name, the unit's code and the sentence."""
    rows = [{"Kontrola": CHECKS.get(f.kind, (f.kind, ""))[0], "Jednostka": f.unit,
             "Ustalenie": f.text} for f in findings]
    return pd.DataFrame(rows, columns=["Kontrola", "Jednostka", "Ustalenie"])


def control_annex(rep: Report, findings: list[Finding], *, demo: bool = False) -> None:
    """Write what the consistency checks compare and their findings (or that there are none)."""
    rep.paragraph("Przed przekazaniem projektu porównano liczby strategii z powiatowym programem "
                  "rozwoju pieczy zastępczej, gminnymi programami wspierania rodziny i danymi "
                  "jednostek. Sprawdzono, czy:")
    checks = [what for _, what in CHECKS.values()]
    rep.bullets([w + ";" for w in checks[:-1]] + [checks[-1] + "."])
    if not findings:
        rep.paragraph("Nie stwierdzono niespójności: liczby strategii, programów i danych "
                      "zgadzają się we wszystkich sprawdzonych punktach.")
        return
    ref = rep.table(findings_frame(findings), "Niespójności między dokumentami i danymi",
                    source(SOURCE, demo), widths=[3.2, 2.0, 10.8])
    rep.paragraph(f"Stwierdzono {count(len(findings), NIESPOJNOSC)} (zob. {{t}}); każdą należy "
                  "wyjaśnić albo poprawić przed przyjęciem dokumentu.", refs={"t": ref})


def chapter(rep: Report, ctx) -> None:
    """The strategy's control annex: ``Załącznik N. Kontrola spójności`` with the findings of
    ``ctx.findings`` (see :func:`strategy.documents.builders.strategia.strategy_document`)."""
    annexes = sum(1 for text in rep.headings() if text.startswith("Załącznik "))
    rep.page_break()
    rep.heading(f"Załącznik {annexes + 1}. {TITLE}", 1, numbered=False)
    if ctx.findings is None:
        rep.paragraph("Spójności z programami i danymi nie sprawdzono.")
        return
    control_annex(rep, ctx.findings, demo=ctx.demo)
