"""Strategia rozwiązywania problemów społecznych powiatu: the draft strategy document.

In: the inputs the notebook loaded (:class:`strategy.inputs.load.StrategyInputs`: the powiat's
plan - ``dokument: strategia_powiatu`` -, diagnosis and values, the programmes, the gminas'
diagnoses and remarks) and the path to write. Out: the .docx with the
chapters of the strategy outline (:data:`strategy.documents.outline.STRATEGY`: every element of
art. 16b ust. 2 and 3 u.p.s. has its chapter - introduction and legal basis, consistency with
higher-level documents, the diagnosis with the synthesis of the gminas and the capacity of
social-economy entities, SWOT, forecast, mission and vision, goals -> operational goals ->
directions of action, social services and tasks commissioned to NGOs, implementation and the
financial frame, indicators with baselines from the data, monitoring and evaluation, lists of
tables and figures), written by :mod:`.strategia_chapters`, and a short annex per gmina. The
consistency control of the strategy against the programmes and the data (:mod:`.kontrola`) and
the draft resolution adopting the strategy (:mod:`.uchwaly`; the cover names it) are documents
of their own, not part of the text to adopt.
"""
from __future__ import annotations

from pathlib import Path

from ...errors import PlanError
from ...text import powiat_genitive
from ..authoring import Document
from . import common
from .strategia_annexes import ANNEX_INDICATORS, gmina_summary
from .strategia_chapters import StrategyContext, swot_grid
from .strategia_outline import OUTLINE as STRATEGY
from .uchwaly_organy import council_of

__all__ = ["ANNEX_INDICATORS", "build_strategia", "gmina_summary", "strategy_context",
           "strategy_document", "swot_grid"]


def strategy_context(inputs, *,
                     section_bookmarks: bool = False) -> StrategyContext:
    """Return what the chapters of the strategy are written from (``inputs``: loaded by
    :func:`strategy.inputs.load.load_strategy`)."""
    plan = inputs.plan
    if plan.kind != "strategia_powiatu" or len(plan.unit) != 4:
        raise PlanError(f"plik {plan.path.name}: to plan dokumentu '{plan.kind}' jednostki "
                        f"{plan.unit}, a strategia wymaga planu strategii powiatu")
    d = inputs.diagnosis
    return StrategyContext(plan, d, inputs.values, inputs.catalog, inputs.registry,
                           demo=bool(d.demo or plan.demo), section_bookmarks=section_bookmarks,
                           gmina_diagnoses=dict(inputs.gmina_diagnoses), remarks=inputs.remarks)


def strategy_document(inputs, out_path=None, *, template=None, draft=None,
                      date=None, consultation: bool = False) -> Document:
    """Return the document of the powiat strategy for the notebook's cells to fill.

    ``inputs`` (:class:`strategy.inputs.load.StrategyInputs`, loaded by the notebook: documents
    read no files and run no analysis) hold the plan, the powiat's diagnosis and values, the
    programmes, the diagnosis of every gmina for the annexes and the gminas' remarks from the
    register of remarks the plan names. The consistency control against the programmes and
    the data is not part of the strategy: it is the report of
    :func:`strategy.documents.builders.kontrola.kontrola_document`, whose findings go to the
    build summary. With
    ``consultation`` the document is the draft sent to the gminas for consultation
    (``strategy consult`` renders one draft per gmina from its saved blocks): its consultation
    chapter says the consultation is under way.
    """
    ctx = strategy_context(inputs, section_bookmarks=consultation)
    ctx.outline = STRATEGY
    plan = inputs.plan
    d, powiat, name = ctx.diagnosis, ctx.powiat, ctx.name

    title = plan.title or f"Strategia rozwiązywania problemów społecznych powiatu {powiat_genitive(name)}"

    def open_report():
        rep = common.new_report(title, subject="Strategia rozwiązywania problemów społecznych",
                                author=plan.institution, demo=ctx.demo, template=template,
                                draft=draft, date=date, keywords=["strategia", f"powiat {name}", powiat],
                                custom_props={"strategy_document": "strategia", "strategy_teryt": powiat})
        y0, y1 = plan.years
        common.front_matter(rep, subtitle=f"na lata {y0}–{y1}", lines=[plan.institution,
                            f"Diagnoza według stanu na 31 grudnia {d.year} r."], date=date,
                            adopted_by=council_of(plan, powiat, ctx.registry))
        return rep

    doc = Document(kind="strategia", outline=STRATEGY, ctx=ctx, open_report=open_report,
                   out_path=out_path, title=title,
                   statutory_name="strategii rozwiązywania problemów społecznych")
    return common.plan_warnings(doc, plan)


def build_strategia(inputs, out_path, *, template=None, draft=None,
                    date=None) -> Path:
    """Write the powiat strategy drafted from ``inputs`` with every default chapter; return
    the path."""
    doc = strategy_document(inputs, out_path, template=template, draft=draft, date=date)
    doc.default_chapters()
    return doc.save()


