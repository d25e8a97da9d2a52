"""Raport z kontroli spójności dokumentów powiatu: a document of its own, never part of the text
to adopt.

In: what the notebook loaded (:class:`strategy.inputs.load.ControlInputs`: the strategy's plan,
the programmes it is compared with, the values of the powiat and its gminas) and the path to
write. The control itself is :func:`strategy.consistency.check_powiat` (a
:class:`~strategy.consistency.Control`: every category's status and the findings, each a Polish
sentence with both values and places).
Out: :func:`kontrola_document` - the document with the chapters of :data:`OUTLINE`: which
documents were compared and which do not exist, the categories with their status, the findings
and the conclusion, which says "Nie stwierdzono niespójności" only when every category was
checked in full and nothing was found; each finding except a justified target's note
(``Finding.note``) is also a warning of kind ``spojnosc`` (the document's control file, the
build summary, ``index.html``). :func:`control_annex` writes the
categories, findings and conclusion in one go (for a report of any document).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ...catalog import Catalog
from ...consistency import (
    CHECKED,
    CHECKS,
    NOT_CHECKED,
    NOTE_KINDS,
    Control,
    Finding,
    check_powiat,
)
from ...errors import PlanError
from ...plan import Plan
from ...text import kontrola as text
from ...text import powiat_genitive
from ...text.grammar import count
from ...units import Registry
from ..authoring import Chapter, Document
from ..report import Report
from . import common
from .common import source

TITLE = "Raport z kontroli spójności dokumentów powiatu"
#: Kind of the consistency warnings in the control file (``kontrola_spojnosci.kontrola.json``).
SPOJNOSC = "spojnosc"
NIESPOJNOSC = ("niespójność", "niespójności", "niespójności")
UWAGA = ("uwaga", "uwagi", "uwag")
SOURCE = "opracowanie własne – porównanie strategii, programów i danych jednostek"


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """Return one row per finding: the category's name and the sentence."""
    rows = [{"Kategoria": CHECKS.get(f.kind, (f.kind, ""))[0]
             + (" (uwaga)" if f.is_note else ""), "Ustalenie": f.text}
            for f in findings]
    return pd.DataFrame(rows, columns=["Kategoria", "Ustalenie"])


def categories_frame(control: Control) -> pd.DataFrame:
    """Return one row per category: its name, its status and its result (what was found, what
    was not checked and why)."""
    rows = []
    for st in control.statuses:
        bad = sum(1 for f in control.findings if f.kind == st.kind and not f.is_note)
        notes = sum(1 for f in control.findings if f.kind == st.kind and f.is_note)
        if st.state == NOT_CHECKED:
            result = st.note or "–"
        else:
            parts = ([count(bad, NIESPOJNOSC)] if bad else []) + (
                [count(notes, UWAGA)] if notes else [])
            found = ", ".join(parts) if parts else (
                "brak uwag" if st.kind in NOTE_KINDS else "zgodne" if st.state == CHECKED
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


@dataclass
class ControlContext:
    """What the chapters of the control report are written from."""

    plan: Plan
    programmes: list[Plan]
    registry: Registry
    catalog: Catalog
    control: Control
    demo: bool
    powiat: str
    name: str


def _title(p: Plan, default: str) -> str:
    return p.title or default


def documents_frame(ctx: ControlContext) -> pd.DataFrame:
    """Return one row per document of the powiat the control concerns - the strategy, the
    foster-care programme, the family-support programme of each gmina - with its period and
    whether it was compared or does not exist; the last row is the data."""
    name = ctx.registry.display_name
    rows = []

    def row(doc: str, unit: str, p: Plan | None):
        rows.append({"Dokument": doc, "Jednostka": unit,
                     "Okres": f"{p.years[0]}–{p.years[1]}" if p is not None else "–",
                     "Stan": text.compared_state(p is not None)})

    row(_title(ctx.plan, f"Strategia rozwiązywania problemów społecznych powiatu "
                         f"{powiat_genitive(ctx.name)}"), f"powiat {ctx.name}", ctx.plan)
    foster = next((p for p in ctx.programmes if p.kind == "program_pieczy_zastepczej"
                   and p.unit == ctx.powiat), None)
    row("Powiatowy program rozwoju pieczy zastępczej", f"powiat {ctx.name}", foster)
    family = {p.unit: p for p in ctx.programmes if p.kind == "program_wspierania_rodziny"
              and p.unit[:4] == ctx.powiat}
    for u in ctx.registry.gminas_of(ctx.powiat):
        label = name(u.teryt)           # "Kraśnik (gmina miejska)" says its kind already
        row("Gminny program wspierania rodziny", label if "(" in label else f"gmina {label}",
            family.get(u.teryt))
    rows.append({"Dokument": "Dane statystyczne powiatu i gmin", "Jednostka":
                 f"powiat {ctx.name} i jego gminy", "Okres": "–",
                 "Stan": text.compared_state(True)})
    return pd.DataFrame(rows, columns=["Dokument", "Jednostka", "Okres", "Stan"])


def compared_chapter(rep: Report, ctx: ControlContext) -> None:
    """What was compared: the purpose of the report, the documents that exist and those that
    do not, the sentence of the control naming what was compared."""
    common.demo_paragraph(rep, ctx.demo)
    rep.paragraph(text.purpose(powiat_genitive(ctx.name)))
    ref = rep.table(documents_frame(ctx), "Dokumenty powiatu objęte kontrolą spójności",
                    source(SOURCE, ctx.demo), widths=[6.0, 4.2, 2.2, 3.6])
    rep.paragraph(text.documents_note(), refs={"d": ref})
    rep.paragraph(ctx.control.compared)


def categories_chapter(rep: Report, ctx: ControlContext) -> None:
    """The categories: what each checks and its status."""
    rep.paragraph(text.categories_intro())
    rep.bullets(text.check_items(CHECKS.values()))
    ref = rep.table(categories_frame(ctx.control), "Kategorie kontroli spójności i ich stan",
                    source(SOURCE, ctx.demo), widths=[3.6, 2.8, 9.6])
    rep.paragraph(text.categories_note(with_findings=False), refs={"k": ref})


def findings_chapter(rep: Report, ctx: ControlContext) -> None:
    """The findings, each with both values and both places."""
    if not ctx.control.findings:
        rep.paragraph(text.no_findings())
        return
    ref = rep.table(findings_frame(ctx.control.findings),
                    "Niespójności i uwagi – strategia, programy i dane",
                    source(SOURCE, ctx.demo), widths=[3.6, 12.4])
    rep.paragraph(text.findings_note(), refs={"f": ref})


def conclusion_chapter(rep: Report, ctx: ControlContext) -> None:
    """The conclusion of the control."""
    rep.paragraph(ctx.control.conclusion())


#: The chapters of the control report in their order.
OUTLINE: tuple[Chapter, ...] = (
    Chapter("porownanie", "Porównane dokumenty", "", compared_chapter),
    Chapter("kategorie", "Kategorie kontroli i ich stan", "", categories_chapter),
    Chapter("ustalenia", "Ustalenia", "", findings_chapter),
    Chapter("wniosek", "Wniosek", "", conclusion_chapter),
)


def control_context(inputs) -> ControlContext:
    """Return what the chapters are written from and run the control
    (:func:`strategy.consistency.check_powiat`) of ``inputs``
    (:class:`strategy.inputs.load.ControlInputs`)."""
    plan = inputs.plan
    if plan.kind != "strategia_powiatu" or len(plan.unit) != 4:
        raise PlanError(f"plik {plan.path.name}: to plan dokumentu '{plan.kind}' jednostki "
                        f"{plan.unit}, a kontrola spójności wymaga planu strategii powiatu")
    registry = inputs.registry
    control = check_powiat(plan, inputs.programmes, inputs.values, name=registry.display_name,
                           catalog=inputs.catalog)
    return ControlContext(plan, list(inputs.programmes), registry, inputs.catalog, control,
                          demo=bool(inputs.demo), powiat=plan.unit,
                          name=registry.display_name(plan.unit))


def kontrola_document(inputs, out_path=None, *, template=None, draft=None,
                      date=None) -> Document:
    """Return the document of the consistency control of the powiat's documents for the
    notebook's cells to fill (``inputs``: :class:`strategy.inputs.load.ControlInputs`).

    Every finding is also recorded as a warning of kind ``spojnosc`` (the control file next to
    the document and the build summary).
    """
    ctx = control_context(inputs)
    plan = ctx.plan
    title = f"{TITLE} {powiat_genitive(ctx.name)}"

    def open_report():
        rep = common.new_report(title, subject="Kontrola spójności dokumentów",
                                author=plan.institution, demo=ctx.demo, template=template,
                                draft=draft, date=date,
                                keywords=["kontrola spójności", f"powiat {ctx.name}", ctx.powiat],
                                custom_props={"strategy_document": "kontrola_spojnosci",
                                              "strategy_teryt": ctx.powiat})
        y0, y1 = plan.years
        common.front_matter(rep, subtitle=text.subtitle(y0, y1),
                            lines=[plan.institution, text.not_for_adoption()], date=date)
        return rep

    doc = Document(kind="kontrola_spojnosci", outline=OUTLINE, ctx=ctx, open_report=open_report,
                   out_path=out_path, title=title)
    for f in ctx.control.findings:
        if not f.note:      # a justified target is a note of the report, not a warning
            doc.warn(SPOJNOSC, f.text)
    return doc


def build_kontrola(inputs, out_path, *, template=None, draft=None, date=None) -> Path:
    """Write the control report of ``inputs`` with every chapter; return the path."""
    doc = kontrola_document(inputs, out_path, template=template, draft=draft, date=date)
    doc.default_chapters()
    return doc.save()
