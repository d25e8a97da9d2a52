"""Consultation drafts for the gminas of a powiat, and the register of what was sent.

In: the store, the plan of the powiat strategy (:func:`strategy.plan.load_plan`), the powiat
code, the draft version, the date of sending and the deadline for remarks. Out: one Word file
per gmina, ``<out_root>/<powiat>/konsultacje/<wersja>/<teryt>_<slug>.docx``, holding the powiat
strategy draft - the chapters of the strategy's document as its notebook leaves them (the blocks
:meth:`strategy.documents.authoring.Document.save` writes to ``<name>.bloki.json``, rendered by
the same :func:`strategy.documents.render_word.render` as the strategy itself: the author's
paragraphs, tables and figures included, removed or moved chapters left as they are; without
such a file, the default chapters of :data:`strategy.documents.outline.STRATEGY`), without the
strategy's own annexes - with the header "PROJEKT – wersja do konsultacji", version, date and deadline, the gmina's own diagnosis
as Załącznik 1 and the remarks form with how to send remarks as Załącznik 2; and
``<out_root>/<powiat>/konsultacje/rejestr_wysylki.csv`` / ``.xlsx`` (what was sent to whom,
with the SHA-256 of each file), appended per version.

Every draft follows the contract in :mod:`strategy.consultation`: custom properties
``strategy_document/version/teryt/gmina/sent`` and a ``sec_<id>`` bookmark on every heading.
Section ids are the heading numbers ("3.2" -> ``sec_3_2``), which the remarks form asks for:
chapters by their place in the outline, diagnosis sections by the position of their area in the
catalogue (``areas.csv``; an area without data keeps its section, saying so), goals by the ids
the authors gave them in the plan ("1" -> ``sec_8_1``, so they do not shift when a goal is
dropped), annexes ``Z1`` (diagnosis of the gmina, ``Z1_<area>``) and ``Z2`` (the form). The same
inputs give byte-identical files.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as _date
from pathlib import Path

import pandas as pd

from .. import DEMO_MARK
from ..catalog import Catalog, default_catalog
from ..diagnosis import Diagnosis, diagnose
from ..documents import Report
from ..documents.authoring import document_from_json
from ..documents.builders.strategia import strategy_document
from ..documents.render_word import render
from ..errors import DocumentError, InputError, PlanError
from ..locking import hold
from ..plan import Plan, load_plan
from ..spreadsheet_cells import append_row, csv_restore, csv_text
from ..store import Store, load
from ..text import fmt_date
from ..units import Registry, default_registry, validate_terc
from .collect import (
    FORM_HEADER,
    PROP_DOCUMENT,
    PROP_GMINA,
    PROP_SENT,
    PROP_TERYT,
    PROP_VERSION,
)
from .register import _replace, _temp

ANNEX_DIAGNOSIS, ANNEX_FORM = "Z1", "Z2"
#: Empty rows of the remarks form.
FORM_ROWS = 8
DOCUMENT_KIND = "strategia_powiatu"
SHIPPING_COLUMNS = ["gmina", "teryt", "wersja", "data wysłania", "termin uwag", "plik", "sha256"]
SHIPPING_NAME = "rejestr_wysylki"
#: Extra custom property (boolean): the draft was built on demo data.
PROP_DEMO = "strategy_demo"


@dataclass(frozen=True)
class DraftInfo:
    """One draft written: to whom, which version, where, and its hash."""

    teryt: str
    gmina: str
    version: str
    sent: str
    deadline: str
    path: Path
    sha256: str


def slug(name: str) -> str:
    """Return an ASCII file-name form of a gmina name ("Żelazków" -> "zelazkow"), at most 60
    characters (a file name takes 255 bytes; the code in front of it stays whole)."""
    s = unicodedata.normalize("NFKD", name.replace("ł", "l").replace("Ł", "L"))
    s = s.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")[:60].rstrip("_") or "gmina"


def _cut(text: str, n: int) -> str:
    """Return ``text`` cut to ``n`` characters (a document property holds 255 at most)."""
    return text if len(text) <= n else text[: n - 1] + "…"


def draft_folder(out_root: str | Path, powiat: str, version: str) -> Path:
    """Return ``<out_root>/<powiat>/konsultacje/<wersja>``."""
    return Path(out_root) / powiat / "konsultacje" / str(version)


@dataclass(frozen=True)
class StrategyBlocks:
    """The strategy a draft is made from: its chapters' blocks (the strategy's own annexes
    left out), whether it holds demo data, and where the blocks came from."""

    chapters: list
    demo: bool
    origin: str


def make_drafts(store: Store | str | Path | None, plan: Plan | str | Path, powiat: str,
                version: str, deadline: str | _date, date: str | _date,
                out_root: str | Path = "reports", *, gminas: Iterable[str] | None = None,
                catalog: Catalog | None = None, registry: Registry | None = None,
                blocks: str | Path | None = None, inputs=None) -> list[Path]:
    """Write a consultation draft for each gmina of ``powiat``; return their paths.

    ``store`` is a loaded store or the path of one (None: the default store); ``plan`` a loaded
    plan or its YAML path; ``gminas`` limits the run to some TERC codes; ``blocks`` the
    ``.bloki.json`` the strategy's notebook saved with ``konsultacje = True``; without it
    the default chapters of the strategy are made from ``inputs``, the strategy's
    :class:`strategy.inputs.load.StrategyInputs` (one of the two must be given). The shipping
    register next to the version folders gets
    one line per draft.
    """
    infos = write_drafts(store, plan, powiat, version, deadline, date, out_root, gminas=gminas,
                         catalog=catalog, registry=registry, blocks=blocks, inputs=inputs)
    return [i.path for i in infos]


def strategy_blocks(path: str | Path, powiat: str) -> StrategyBlocks:
    """Return the chapters of the strategy saved in the blocks file ``path``.

    The file must be that of a strategy of ``powiat`` made as a draft for consultation
    (``konsultacje = True`` in its notebook: the consultation chapter then says it is under
    way); anything else is refused.
    """
    try:
        data = document_from_json(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise InputError(f"nie można odczytać pliku bloków strategii {path}: {exc}") from exc
    except DocumentError as exc:
        raise InputError(f"plik bloków strategii {path}: {exc}") from exc
    if data.get("kind") != "strategia":
        raise InputError(f"plik bloków {path} nie pochodzi ze strategii powiatu "
                         f"(rodzaj dokumentu: {data.get('kind')})")
    if not data.get("consultation"):
        raise InputError(f"plik bloków {path} nie jest projektem do konsultacji: notatnik "
                         "strategii uruchomiony z parametrem konsultacje = True musi przekazać go "
                         "do dokumentu - strategy_document(..., consultation=konsultacje) - jak "
                         "szablon notebooks/strategia_powiatu.ipynb (starszy notatnik autorski: "
                         "przenieś do niego tę zmianę szablonu)")
    chapters = [p["blocks"] for p in data["parts"] if not p.get("annex")]
    return StrategyBlocks(chapters, bool(data.get("demo")), str(path))


def default_strategy_blocks(inputs) -> StrategyBlocks:
    """Return the default chapters of the strategy as a draft for consultation (what the
    strategy's template notebook gives without an author's changes) from ``inputs``, the
    strategy's :class:`strategy.inputs.load.StrategyInputs`."""
    doc = strategy_document(inputs, consultation=True)
    for key, chapter in doc.outline.items():
        if chapter.heading:   # the strategy's own annexes are not part of a draft
            doc.chapter(key)
    chapters = [blocks for part, blocks in doc.parts() if part.key]
    return StrategyBlocks(chapters, bool(doc.ctx.demo), "rozdziały domyślne")


def write_drafts(store, plan, powiat, version, deadline, date, out_root="reports", *,
                 gminas=None, catalog=None, registry=None, blocks=None,
                 inputs=None) -> list[DraftInfo]:
    """Like :func:`make_drafts`, but return a :class:`DraftInfo` per draft."""
    catalog = catalog or default_catalog()
    registry = registry or default_registry()
    powiat = validate_terc(str(powiat).strip())
    if len(powiat) != 4:
        raise InputError(f"konsultacje dotyczą powiatu: podaj 4-cyfrowy kod powiatu, a podano {powiat}")
    version = str(version).strip()
    if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z._-]{0,19}", version):
        raise InputError(f"nieprawidłowy numer wersji „{version}” (np. 1.0, 2, 1.1-rc)")
    sent, due = _iso(date, "data wysłania"), _iso(deadline, "termin uwag")
    if due < sent:
        raise InputError(f"termin uwag {due} jest wcześniejszy niż data wysłania {sent}")
    if not isinstance(store, Store):
        store = load(store) if store is not None else load()
    if not isinstance(plan, Plan):
        plan = load_plan(plan, catalog)
    if plan.kind != DOCUMENT_KIND or plan.unit != powiat:
        raise PlanError(f"plan {plan.path.name} dotyczy dokumentu '{plan.kind}' jednostki "
                        f"{plan.unit}, a konsultowana jest strategia powiatu {powiat}")
    units = registry.gminas_of(powiat)
    if gminas is not None:
        wanted = {str(g) for g in gminas}
        unknown = wanted - {u.teryt for u in units}
        if unknown:
            raise InputError(f"gminy spoza powiatu {powiat}: {', '.join(sorted(unknown))}")
        units = [u for u in units if u.teryt in wanted]
    if not units:
        raise InputError(f"powiat {powiat} nie ma gmin w rejestrze jednostek")
    if blocks is not None:
        strategy = strategy_blocks(blocks, powiat)
    elif inputs is not None:
        strategy = default_strategy_blocks(inputs)
    else:
        raise InputError("projekty do konsultacji powstają ze strategii zapisanej przez jej "
                         "notatnik (plik bloków) albo z wczytanych danych strategii (inputs)")
    demo = bool(strategy.demo or plan.demo or store.demo)
    folder = draft_folder(out_root, powiat, version)
    infos = []
    for unit in units:
        gd = diagnose(unit.teryt, store, catalog=catalog, registry=registry, charts=False)
        path = folder / f"{unit.teryt}_{slug(unit.name)}.docx"
        report = draft_report(strategy, plan, gd, unit.teryt, unit.name, version, sent, due,
                              catalog=catalog, demo=demo, powiat_name=registry.name(powiat))
        report.save(path)
        infos.append(DraftInfo(unit.teryt, unit.name, version, sent, due, path,
                               hashlib.sha256(path.read_bytes()).hexdigest()))
    write_shipping_register(infos, Path(out_root) / powiat / "konsultacje")
    return infos


# ---------------------------------------------------------------------------------------------
# The document


def draft_report(strategy: StrategyBlocks, plan: Plan, gmina_diag: Diagnosis, teryt: str,
                 gmina: str, version: str, sent: str, deadline: str, *,
                 catalog: Catalog, demo: bool, powiat_name: str = "") -> Report:
    """Return the (unsaved) consultation draft of the strategy for one gmina.

    The draft has the strategy's chapters (``strategy``, rendered with a ``sec_<id>``
    bookmark on every heading), then the gmina's diagnosis and the remarks form as annexes.
    """
    title = plan.title or f"{plan.kind_name} {powiat_name or plan.unit}"
    props = {PROP_DOCUMENT: DOCUMENT_KIND, PROP_VERSION: version, PROP_TERYT: teryt,
             PROP_GMINA: gmina, PROP_SENT: sent, PROP_DEMO: demo}
    rep = Report(title=title, subject="Projekt do konsultacji z gminami", author=plan.institution,
                 keywords=["strategia", "konsultacje", _cut(gmina, 100)], demo=demo, date=sent,
                 draft={"label": "wersja do konsultacji", "version": version, "date": sent,
                        "deadline": deadline},
                 custom_props=props)
    rep.title_page(subtitle=f"Projekt przekazany do konsultacji: gmina {gmina} ({teryt})",
                   lines=[plan.institution, f"Termin zgłaszania uwag: {fmt_date(deadline)}",
                          "Sposób zgłaszania uwag opisano w Załączniku 2."])
    rep.toc()
    rep.list_of_tables()
    rep.list_of_figures()
    rep.page_break()
    refs: dict = {}
    for chapter in strategy.chapters:
        render(chapter, rep, refs=refs, section_bookmarks=True)
    rep.page_break()
    rep.heading(f"Załącznik 1. Diagnoza sytuacji społecznej – gmina {gmina}", 1,
                bookmark=_bm(ANNEX_DIAGNOSIS), numbered=False)
    rep.paragraph(f"Diagnoza gminy {gmina} przygotowana na podstawie tych samych danych co "
                  "diagnoza powiatu. Prosimy o sprawdzenie, czy obraz gminy jest zgodny z "
                  "wiedzą ośrodka pomocy społecznej.")
    _diagnosis_sections(rep, gmina_diag, catalog, ANNEX_DIAGNOSIS)
    rep.page_break()
    _form(rep, plan, gmina, version, sent, deadline)
    return rep


def _bm(section_id: str) -> str:
    return f"sec_{section_id}"


def _diagnosis_sections(rep: Report, d: Diagnosis, catalog: Catalog, base: str) -> None:
    src = "opracowanie własne na podstawie danych GUS BDL i sprawozdań jednostek"
    if d.demo:
        src += f" ({DEMO_MARK})"
    for pos, (area, name) in enumerate(catalog.areas.items(), start=1):
        rep.heading(name, 2, bookmark=_bm(f"{base}_{pos}"), numbered=False)
        lines = d.sentences.get(area) or []
        rep.paragraph(" ".join(lines) if lines else
                      f"Brak danych w tym obszarze dla jednostki: {d.unit_label}.")
        table = d.tables.get(area)
        if table is not None and len(table):
            rep.table(table, f"{name} – {d.unit_label}", src, landscape=table.shape[1] > 7)


def _form(rep: Report, plan: Plan, gmina: str, version: str, sent: str, deadline: str) -> None:
    rep.heading("Załącznik 2. Formularz zgłaszania uwag", 1, bookmark=_bm(ANNEX_FORM),
                numbered=False)
    rep.paragraph(
        f"Przekazujemy gminie {gmina} projekt dokumentu „{plan.title or plan.kind_name}” "
        f"w wersji {version} z {fmt_date(sent)}. Zgodnie z art. 19 pkt 1 ustawy o pomocy "
        "społecznej powiat opracowuje strategię po konsultacji z gminami z jego obszaru.")
    rep.paragraph([{"text": "Uwagi prosimy zgłaszać do ", "bold": False},
                   {"text": fmt_date(deadline), "bold": True},
                   " w jeden z następujących sposobów (można je łączyć):"])
    rep.bullets([
        "komentarze programu Word: zaznacz fragment tekstu i wybierz Recenzja > Nowy komentarz;",
        "śledzone zmiany: włącz Recenzja > Śledź zmiany i wpisz proponowane brzmienie wprost "
        "w tekście (usunięcia i dopiski zostaną zapamiętane wraz z autorem);",
        "formularz zgłaszania uwag poniżej (Załącznik 2): jeden wiersz na jedną uwagę, z "
        "numerem rozdziału i proponowanym brzmieniem.",
    ])
    rep.paragraph(
        f"Uzupełniony plik prosimy odesłać do: {plan.institution} (pocztą elektroniczną) do "
        f"{fmt_date(deadline)}. Nazwy pliku nie trzeba zachowywać – plik sam wskazuje gminę i "
        "wersję projektu. Prosimy zapisać go w formacie .docx.")
    rep.paragraph(
        "Wszystkie uwagi zostaną zebrane w rejestrze uwag, a sposób ich rozpatrzenia "
        "(uwzględniono, częściowo uwzględniono, nie uwzględniono – z uzasadnieniem) zostanie "
        "przedstawiony w raporcie z konsultacji.")
    rep.paragraph("W formularzu jeden wiersz to jedna uwaga. W kolumnie „Część dokumentu / "
                  "rozdział” prosimy podać numer rozdziału (np. 3.2 albo Z1.3 dla diagnozy "
                  "gminy). Puste wiersze zostaną pominięte; wiersze można dodawać (Tab w "
                  "ostatniej komórce).")
    df = pd.DataFrame({c: [""] * FORM_ROWS for c in FORM_HEADER})
    rep.table(df, "Formularz zgłaszania uwag", "opracowanie własne",
              widths=[1.0, 2.6, 2.0, 4.2, 3.4, 2.8])


def _iso(value, what: str) -> str:
    if isinstance(value, _date):
        return value.isoformat()[:10]
    try:
        return _date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise InputError(f"{what}: „{value}” nie jest datą w postaci RRRR-MM-DD") from None


# ---------------------------------------------------------------------------------------------
# The shipping register


def write_shipping_register(infos: list[DraftInfo], folder: Path) -> tuple[Path, Path]:
    """Add ``infos`` to ``rejestr_wysylki.csv``/``.xlsx`` in ``folder``; return both paths.

    Lines of other versions and gminas are kept; a draft written again (same gmina, version
    and file) replaces its own line.
    """
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / f"{SHIPPING_NAME}.csv"
    xlsx_path = folder / f"{SHIPPING_NAME}.xlsx"
    # read-modify-write under the register's lock: two consultations sent at once keep
    # both their lines
    with hold(csv_path, "strategy consult", what="rejestr wysyłki"):
        old = read_shipping_register(folder)
        new = pd.DataFrame([{"gmina": i.gmina, "teryt": i.teryt, "wersja": i.version,
                             "data wysłania": i.sent, "termin uwag": i.deadline,
                             "plik": _rel(i.path, folder), "sha256": i.sha256} for i in infos],
                           columns=SHIPPING_COLUMNS, dtype="string")
        key = ["teryt", "wersja", "plik"]
        if len(old):
            fresh = set(map(tuple, new[key].to_numpy().tolist()))
            old = old[[tuple(r) not in fresh for r in old[key].to_numpy().tolist()]]
            frame = pd.concat([old, new], ignore_index=True)
        else:
            frame = new
        rows = [["" if pd.isna(v) else str(v) for v in row] for row in frame.itertuples(index=False)]
        tmp = _temp(csv_path)
        try:  # gmina and file names come from outside: inert cells (strategy.spreadsheet_cells)
            Path(tmp).write_text(csv_text([SHIPPING_COLUMNS] + rows, newline="\n"),
                                 encoding="utf-8-sig", newline="")
            _replace(tmp, csv_path)
        finally:
            Path(tmp).unlink(missing_ok=True)
        from openpyxl import Workbook
        wb = Workbook()
        ws = wb.active
        ws.title = "Wysłane projekty"
        ws.append(SHIPPING_COLUMNS)
        for row in rows:
            append_row(ws, row)
        for col, width in zip("ABCDEFG", (22, 10, 8, 14, 14, 50, 66)):
            ws.column_dimensions[col].width = width
        tmp = _temp(xlsx_path)
        try:
            wb.save(tmp)
            _replace(tmp, xlsx_path)
        finally:
            Path(tmp).unlink(missing_ok=True)
        return csv_path, xlsx_path


def read_shipping_register(folder: str | Path) -> pd.DataFrame:
    """Return the shipping register in ``folder`` (the CSV; an empty frame when there is none)."""
    path = Path(folder) / f"{SHIPPING_NAME}.csv"
    if not path.exists():
        return pd.DataFrame(columns=SHIPPING_COLUMNS, dtype="string")
    try:
        frame = pd.read_csv(path, sep=";", dtype="string", keep_default_na=False,
                            encoding="utf-8-sig")
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise InputError(f"nie można odczytać rejestru wysyłki {path}: {exc}; nic nie zapisano") from exc
    missing = [c for c in SHIPPING_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(f"rejestr wysyłki {path} nie ma kolumn: {', '.join(missing)}; "
                         "nic nie zapisano")
    return frame[SHIPPING_COLUMNS].apply(lambda col: col.map(csv_restore)).astype("string")


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
