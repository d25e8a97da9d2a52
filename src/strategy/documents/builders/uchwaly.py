"""Projekt uchwały: the draft resolution of a council adopting one of the documents, a document
of its own (the adopted document is its annex, never the other way round).

In: what the notebook loaded (:class:`strategy.inputs.load.ResolutionInputs`: the plan of the
adopted document, the unit, the register of units) and the kind of the adopted document:

* ``strategia`` - the Rada Powiatu adopts the strategy (art. 12 pkt 11 u.s.p. in connection
  with art. 19 pkt 1 and art. 16b u.p.s.), carried out by the Zarząd Powiatu;
* ``program_pieczy_zastepczej`` - the Rada Powiatu adopts the foster-care programme (art. 12
  pkt 11 u.s.p. in connection with art. 180 pkt 1 of the act on family support);
* ``program_wspierania_rodziny`` - a gmina's council adopts its family-support programme (art. 18
  ust. 2 pkt 15 u.s.g. in connection with art. 176 pkt 1 of that act), carried out by the wójt,
  burmistrz or prezydent miasta by the gmina's type in the register
  (:func:`strategy.text.organs.organ_of`); a gmina without its own plan gets the resolution for
  the programme drafted for it on another gmina's model.

Out: the .docx: "Projekt", the head (number, council, date, subject), the legal basis, § 1-3, the
justification. :func:`council_of` gives the council in the genitive for the line "Załącznik do
uchwały nr … Rady … z dnia …" on the cover of the adopted document
(:func:`.common.front_matter`). The sentences are in :mod:`strategy.text.uchwaly`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...errors import PlanError
from ...plan import Plan
from ...text import in_unit, powiat_genitive
from ...text import uchwaly as text
from ...units import Registry
from ..authoring import Chapter, Document
from ..reference import TITLE_INFO
from . import common
from .rodzina import plan_for_gmina
from .uchwaly_organy import Organs, council_of, organs_of

__all__ = ["KINDS", "OUTLINE", "ResolutionContext", "adopted_title", "build_uchwala",
           "council_of", "organs_of", "resolution_context", "resolution_document"]

#: Kind of the resolution document (job name) -> the kind of the document it adopts.
KINDS = {"uchwala_strategia": text.STRATEGY,
         "uchwala_program_pieczy_zastepczej": text.FOSTER,
         "uchwala_program_wspierania_rodziny": text.FAMILY}
#: The plan kind each adopted document is written from.
PLAN_KINDS = {text.STRATEGY: "strategia_powiatu", text.FOSTER: "program_pieczy_zastepczej",
              text.FAMILY: "program_wspierania_rodziny"}


@dataclass
class ResolutionContext:
    """What the draft resolution is written from."""
    kind: str               # the adopted document's kind (strategia, program_...)
    plan: Plan
    teryt: str
    organs: Organs
    title: str              # the adopted document's title, with its period
    demo: bool
    n_gminas: int = 0


def adopted_title(kind: str, plan: Plan, teryt: str, registry: Registry) -> str:
    """Return the title of the adopted document as its own builder writes it, with its period:
    the plan's ``tytul`` or the default title; for a gmina whose programme is drafted on
    another gmina's model the title names this gmina."""
    y0, y1 = plan.years
    name = registry.display_name(teryt)
    if kind == text.STRATEGY:
        default = (f"Strategia rozwiązywania problemów społecznych powiatu "
                   f"{powiat_genitive(name)}")
    elif kind == text.FOSTER:
        default = f"Powiatowy program rozwoju pieczy zastępczej {in_unit('powiat ' + name)}"
    else:
        default = f"Gminny program wspierania rodziny w gminie {name} na lata {y0}–{y1}"
    own = plan.unit == teryt
    return text.with_period((plan.title if own else "") or default, (y0, y1))


def resolution_context(kind: str, inputs) -> ResolutionContext:
    """Return what the draft resolution adopting the document of ``kind`` is written from
    (``inputs``: :class:`strategy.inputs.load.ResolutionInputs`)."""
    plan, teryt, registry = inputs.plan, inputs.teryt, inputs.registry
    if kind not in PLAN_KINDS:
        raise PlanError(f"nieznany rodzaj przyjmowanego dokumentu '{kind}'; dozwolone: "
                        f"{', '.join(PLAN_KINDS)}")
    if plan.kind != PLAN_KINDS[kind]:
        raise PlanError(f"plik {plan.path.name}: to plan dokumentu '{plan.kind}', a uchwała "
                        f"przyjmuje dokument '{kind}'")
    n = len(registry.gminas_of(teryt)) if len(teryt) == 4 else 0
    organs = organs_of(plan, teryt, registry)
    if kind == text.FAMILY and plan.unit != teryt:
        # the programme drafted on another gmina's model: its title and institution as the
        # programme itself gives them
        plan = plan_for_gmina(plan, teryt, registry)
    return ResolutionContext(kind, plan, teryt, organs, adopted_title(kind, plan, teryt, registry),
                             bool(inputs.demo or plan.demo), n)


# ------------------------------------------------------------------------------------ chapters
def _journals(plan: Plan) -> dict[str, str]:
    r = plan.resolution
    return {"usp": r.journal_usp, "ups": r.journal_ups}


def resolution(rep, ctx: ResolutionContext) -> None:
    """"Projekt", the head, the legal basis and § 1-3."""
    o = ctx.organs
    rep.paragraph({"text": text.DRAFT, "italic": True}, style=TITLE_INFO)
    lines = text.head(o.council_gen, text.title_in_case(ctx.kind, ctx.title, "gen"))
    for k, line in enumerate(lines):
        rep.paragraph({"text": line, "bold": k != 2}, style=TITLE_INFO)
    common.demo_paragraph(rep, ctx.demo)
    rep.paragraph(text.legal_basis(ctx.kind, o.council, _journals(ctx.plan)))
    for para in text.paragraphs(ctx.kind, text.title_in_case(ctx.kind, ctx.title, "acc"),
                                o.executive_dative):
        rep.paragraph(para)


def reasons(rep, ctx: ResolutionContext) -> None:
    """The justification (uzasadnienie)."""
    plan = ctx.plan
    consulted = ""
    if ctx.kind == text.STRATEGY:
        c = plan.consultation
        consulted = text.consulted(c is not None, ctx.n_gminas,
                                   *((c.start, c.end) if c is not None else (None, None)))
    rep.paragraph({"text": text.REASONS, "bold": True}, style=TITLE_INFO)
    for para in text.reasons(ctx.kind, plan.institution, plan.years, consulted):
        rep.paragraph(para)


OUTLINE: tuple[Chapter, ...] = (
    Chapter("uchwala", "Projekt uchwały", "", resolution, heading=False),
    Chapter("uzasadnienie", "Uzasadnienie", "", reasons, heading=False),
)


def resolution_document(kind: str, inputs, out_path=None, *, template=None, draft=None,
                        date=None) -> Document:
    """Return the draft resolution adopting the document of ``kind`` (``strategia``,
    ``program_pieczy_zastepczej``, ``program_wspierania_rodziny``) for the notebook to fill."""
    ctx = resolution_context(kind, inputs)
    title = text.document_title(ctx.organs.council_gen,
                                text.title_in_case(kind, ctx.title, "gen"))

    def open_report():
        return common.new_report(title, subject="Projekt uchwały", author=ctx.plan.institution,
                                 demo=ctx.demo, template=template, draft=draft, date=date,
                                 keywords=["projekt uchwały", ctx.organs.council, ctx.teryt],
                                 custom_props={"strategy_document": f"uchwala_{kind}",
                                               "strategy_teryt": ctx.teryt})

    return Document(kind=f"uchwala_{kind}", outline=OUTLINE, ctx=ctx, open_report=open_report,
                    out_path=out_path, title=title)


def build_uchwala(kind: str, inputs, out_path, *, template=None, draft=None,
                  date=None) -> Path:
    """Write the draft resolution adopting the document of ``kind``; return the path."""
    doc = resolution_document(kind, inputs, out_path, template=template, draft=draft, date=date)
    doc.default_chapters()
    return doc.save()
