"""The powiat's resources, the consultation of the strategy and its adoption, read from a plan.

In: the parsed YAML of a plan (``instytucje``, ``konsultacje``, ``uchwala``) and the checker of
:func:`strategy.plan.load_plan`, which collects every problem with the file and line. Out:
:class:`~.model.Institution` rows, a :class:`~.model.Consultation` and a
:class:`~.model.Resolution`.

Checks: an institution has a known kind (:data:`INSTITUTION_KINDS`), a name, and places,
occupied places and waiting people as whole non-negative numbers, never more occupied than
places; consultation counts are whole non-negative numbers whose answers do not outnumber the
remarks; the consultation period is two dates in order; the register of remarks
(``konsultacje.rejestr``, a path relative to the plan file) exists; a deferred problem area
(``obszary_odroczone``) names an area of the catalogue (its id or its name) and gives a reason.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .model import Consultation, DeferredArea, Institution, RemarkCounts, Resolution

#: Kinds of institutions (``rodzaj``) with the Polish name of the group, in the order shown.
INSTITUTION_KINDS = {
    "dps": "domy pomocy społecznej",
    "sds": "środowiskowe domy samopomocy",
    "wtz": "warsztaty terapii zajęciowej",
    "zaz": "zakłady aktywności zawodowej",
    "oik": "ośrodki interwencji kryzysowej",
    "placowka": "placówki opiekuńczo-wychowawcze",
    "mieszkanie": "mieszkania chronione i treningowe",
    "schronisko": "schroniska i noclegownie dla osób bezdomnych",
    "inna": "inne jednostki",
}
#: Keys of the remark counts in the plan and what they mean.
_COUNT_KEYS = {"zgloszone": "zgłoszone", "uwzglednione": "uwzględnione",
               "czesciowo": "uwzględnione częściowo", "nieuwzglednione": "nieuwzględnione"}


def whole(c, value, line: int, what: str) -> int | None:
    """Return ``value`` as a whole non-negative number, or None (and a problem) when it is not."""
    if value is None:
        return None
    n = c.number(value, line, what)
    if n is None:
        return None
    if n < 0 or n != int(n):
        c.err(line, f"{what}: '{value}' nie jest liczbą całkowitą nieujemną")
        return None
    return int(n)


def institutions(c, data) -> list[Institution]:
    """Return the institutions of ``instytucje`` (a list), every problem reported to ``c``."""
    out = []
    for node in c.items(data, "instytucje"):
        line = c.line(node)
        if not isinstance(node, dict):
            c.err(line, "instytucje: każda pozycja to pola (rodzaj, nazwa, miejsca, ...)")
            continue
        kind = c.text(node, "rodzaj")
        if kind and kind not in INSTITUTION_KINDS:
            c.err(c.line(node, "rodzaj"), f"instytucje: nieznany rodzaj '{kind}', dozwolone: "
                  + ", ".join(INSTITUTION_KINDS))
        name = c.text(node, "nazwa")
        nums = {key: whole(c, node.get(key), c.line(node, key), f"instytucja '{name}', {key}")
                for key in ("miejsca", "zajete", "oczekujacy")}
        if (nums["miejsca"] is not None and nums["zajete"] is not None
                and nums["zajete"] > nums["miejsca"]):
            c.err(c.line(node, "zajete"), f"instytucja '{name}': zajętych miejsc "
                  f"({nums['zajete']}) więcej niż miejsc ({nums['miejsca']})")
        out.append(Institution(
            kind=kind, name=name, town=c.text(node, "miejscowosc", required=False),
            operator=c.text(node, "prowadzacy", required=False),
            profile=c.text(node, "profil", required=False), places=nums["miejsca"],
            occupied=nums["zajete"], waiting=nums["oczekujacy"], line=line))
    return out


def _date(c, value, line: int, what: str) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        c.err(line, f"{what}: '{value}' nie jest datą w postaci RRRR-MM-DD")
        return None


def as_of(c, data, key: str) -> dt.date | None:
    """Return the date of ``key`` (e.g. ``instytucje_stan_na: 2024-12-31``), None when absent."""
    value = data.get(key) if isinstance(data, dict) else None
    return None if value is None else _date(c, value, c.line(data, key), key)


def _counts(c, node, key: str, who: str) -> RemarkCounts | None:
    raw = node.get(key) if isinstance(node, dict) else None
    if raw is None:
        return None
    line = c.line(node, key)
    if not isinstance(raw, dict):
        c.err(line, f"konsultacje, {who}, {key}: podaj pola " + ", ".join(_COUNT_KEYS))
        return None
    unknown = [k for k in raw if k not in _COUNT_KEYS]
    if unknown:
        c.err(line, f"konsultacje, {who}, {key}: nieznane pole '{unknown[0]}', dozwolone: "
              + ", ".join(_COUNT_KEYS))
    n = {k: whole(c, raw.get(k, 0), c.line(raw, k), f"konsultacje, {who}, uwagi {label}") or 0
         for k, label in _COUNT_KEYS.items()}
    counts = RemarkCounts(n["zgloszone"], n["uwzglednione"], n["czesciowo"],
                          n["nieuwzglednione"])
    if counts.unanswered < 0:
        c.err(line, f"konsultacje, {who}: rozpatrzonych uwag "
              f"({counts.accepted + counts.partly + counts.rejected}) więcej niż zgłoszonych "
              f"({counts.submitted})")
    return counts


def consultation(c, data, plan_path: Path, n_gminas: int | None) -> Consultation | None:
    """Return the consultation of ``konsultacje`` (None when the plan has none)."""
    node = data.get("konsultacje")
    if node is None:
        return None
    line = c.line(data, "konsultacje")
    if not isinstance(node, dict):
        c.err(line, "konsultacje: podaj pola (zespol, termin, formy, gminy, organizacje, "
              "rozpatrzenie)")
        return None
    team = node.get("zespol") or {}
    if not isinstance(team, dict):
        c.err(c.line(node, "zespol"), "konsultacje, zespol: podaj pola 'powolanie' i 'sklad'")
        team = {}
    out = Consultation(team_basis=c.text(team, "powolanie", required=False),
                       team=c.strings(team, "sklad"), forms=c.strings(node, "formy"),
                       handling=c.text(node, "rozpatrzenie", required=False), line=line)
    period = node.get("termin")
    if period is not None:
        pline = c.line(node, "termin")
        if isinstance(period, list) and len(period) == 2:
            out.start = _date(c, period[0], pline, "konsultacje, termin")
            out.end = _date(c, period[1], pline, "konsultacje, termin")
            if out.start and out.end and out.end < out.start:
                c.err(pline, f"konsultacje, termin: koniec {out.end} przed początkiem {out.start}")
        else:
            c.err(pline, "konsultacje, termin: podaj [data_od, data_do], np. [2025-09-15, 2025-10-15]")
    gm = node.get("gminy") or {}
    if isinstance(gm, dict):
        out.gminas_with_remarks = whole(c, gm.get("zgloszone_uwagi"),
                                        c.line(gm, "zgloszone_uwagi"),
                                        "konsultacje, gminy, zgloszone_uwagi")
        if (out.gminas_with_remarks is not None and n_gminas is not None
                and out.gminas_with_remarks > n_gminas):
            c.err(c.line(gm, "zgloszone_uwagi"), f"konsultacje, gminy: uwagi zgłosiło "
                  f"{out.gminas_with_remarks} gmin, a powiat ma ich {n_gminas}")
        out.gmina_remarks = _counts(c, gm, "uwagi", "gminy")
    else:
        c.err(c.line(node, "gminy"), "konsultacje, gminy: podaj pola 'zgloszone_uwagi' i 'uwagi'")
    ngo = node.get("organizacje") or {}
    if isinstance(ngo, dict):
        out.ngos_invited = whole(c, ngo.get("zaproszone"), c.line(ngo, "zaproszone"),
                                 "konsultacje, organizacje, zaproszone")
        out.ngos_with_remarks = whole(c, ngo.get("zgloszone_uwagi"),
                                      c.line(ngo, "zgloszone_uwagi"),
                                      "konsultacje, organizacje, zgloszone_uwagi")
        if (out.ngos_invited is not None and out.ngos_with_remarks is not None
                and out.ngos_with_remarks > out.ngos_invited):
            c.err(c.line(ngo, "zgloszone_uwagi"), "konsultacje, organizacje: uwagi zgłosiło "
                  f"{out.ngos_with_remarks} organizacji, a zaproszono {out.ngos_invited}")
        out.ngo_remarks = _counts(c, ngo, "uwagi", "organizacje")
    else:
        c.err(c.line(node, "organizacje"), "konsultacje, organizacje: podaj pola 'zaproszone', "
              "'zgloszone_uwagi' i 'uwagi'")
    register = c.text(node, "rejestr", required=False)
    if register:
        path = Path(register)
        path = path if path.is_absolute() else (plan_path.parent / path)
        if not path.is_file():
            c.err(c.line(node, "rejestr"), f"konsultacje, rejestr: nie ma pliku rejestru uwag "
                  f"{path} (ścieżka względem folderu pliku planu)")
        elif path.suffix.lower() != ".xlsx":
            c.err(c.line(node, "rejestr"), f"konsultacje, rejestr: {path.name} nie jest plikiem "
                  ".xlsx (rejestr uwag zapisuje polecenie strategy uwagi)")
        else:
            out.register = path
    return out


def resolution(c, data) -> Resolution:
    """Return the data of the draft resolution (``uchwala``); empty fields are derived later."""
    node = data.get("uchwala")
    if node is None:
        return Resolution()
    if not isinstance(node, dict):
        c.err(c.line(data, "uchwala"), "uchwala: podaj pola (rada, zarzad, "
              "dz_u_samorzad_powiatowy, dz_u_pomoc_spoleczna)")
        return Resolution()
    return Resolution(council=c.text(node, "rada", required=False),
                      board=c.text(node, "zarzad", required=False),
                      journal_usp=c.text(node, "dz_u_samorzad_powiatowy", required=False),
                      journal_ups=c.text(node, "dz_u_pomoc_spoleczna", required=False),
                      line=c.line(data, "uchwala"))


def _area_id(areas: dict[str, str], given: str) -> str | None:
    """Return the id of the catalogue area ``given`` names (its id or its name, letter case
    and spaces aside), None when no area has it."""
    key = " ".join(given.lower().split())
    for area_id, name in areas.items():
        if key in (area_id.lower(), " ".join(name.lower().split())):
            return area_id
    return None


def deferred_areas(c, data) -> list[DeferredArea]:
    """Return the problem areas the plan defers (``obszary_odroczone``: a list of ``obszar`` -
    the area's id or name in the catalogue - and ``powod``), every problem reported to ``c``."""
    out: list[DeferredArea] = []
    for node in c.items(data, "obszary_odroczone"):
        line = c.line(node)
        if not isinstance(node, dict):
            c.err(line, "obszary_odroczone: każda pozycja to pola 'obszar' i 'powod'")
            continue
        given = c.text(node, "obszar")
        reason = c.text(node, "powod")
        if not given:
            continue
        area = _area_id(c.catalog.areas, given)
        if area is None:
            c.err(c.line(node, "obszar"), f"obszary_odroczone: nieznany obszar '{given}', "
                  "dozwolone: " + ", ".join(f"{k} ({v})" for k, v in c.catalog.areas.items()))
            continue
        if any(d.area == area for d in out):
            c.err(c.line(node, "obszar"), f"obszary_odroczone: obszar '{given}' podano więcej "
                  "niż raz")
            continue
        out.append(DeferredArea(area=area, reason=reason, line=line))
    return out
