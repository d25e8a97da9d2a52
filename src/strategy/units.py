"""TERYT (TERC) codes and the registry of territorial units.

In: code strings as people and files have them (7-digit gmina, 4-digit powiat, 2-digit
województwo TERC; 12-digit BDL unit ids; Excel-mangled numbers such as ``1,20101E+06``).
Out: validated TERC strings, their kind and parent, and :class:`Registry` rows (name, kind,
gmina type, the years a code is valid, its successor after a change of type).

The registry (:func:`default_registry`) holds **every unit of Poland in its current state**: the
register shipped in the package (:func:`strategy.terc.packaged_register`: the official full TERC
register of 2025 brought to 2026-01-01 by the official address version of 2026, with the list
of the changes of gmina codes and names 2020-2026 - all three GUS/eTERYT files copied unchanged
into ``strategy/data``), or a newer register imported into the project with ``strategy
jednostki`` (see :mod:`strategy.terc`); overlaid with the code history: the packaged list of
changes (the 82 rural gminas that became urban-rural 2021-2026 keep their old code as a unit
whose ``successor`` is the new code, e.g. Czarny Dunajec 1211032 until 2022 -> 1211033; the two
gminas of 2025; three renames), ``data/units.csv`` (older history, e.g. Opatówek 3007082 until
2019, and the BDL unit ids of the demo powiat), the history found when newer registers were
imported (``data/rejestr/historia.csv``) and local unit files (``data/raw/jednostki.csv`` or the
files named by ``STRATEGY_UNITS``, see :func:`read_units_file`), which may add units and declare
that a code succeeds another.

A gmina that changed type is one unit across the years: :meth:`Registry.current` gives the code
that continues an old one, :meth:`Registry.predecessors` the old codes of a current one.

Names are never join keys: two units may share a name (a town and the rural gmina around it),
so everything here is keyed by code; :meth:`Registry.display_name` gives the name a reader
needs ("Kraśnik (gmina miejska)" where two gminas of the powiat share a name).
"""
from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from . import terc
from .errors import UnitError

GMINA_TYPES = {
    "1": "gmina miejska",
    "2": "gmina wiejska",
    "3": "gmina miejsko-wiejska",
    "4": "miasto w gminie miejsko-wiejskiej",
    "5": "obszar wiejski w gminie miejsko-wiejskiej",
    "8": "dzielnica m.st. Warszawy",
    "9": "delegatura",
}
#: Types of a whole gmina (4 and 5 are parts of an urban-rural gmina, 8 and 9 parts of cities).
WHOLE_GMINA_TYPES = frozenset("123")
KINDS = ("wojewodztwo", "powiat", "gmina")
#: What to do about a code the register does not know (a unit newer than the register).
IMPORT_HINT = ("jeśli to nowa jednostka, pobierz aktualny rejestr TERC z eTERYT "
               "(eteryt.stat.gov.pl, \"TERC urzędowy\") i wczytaj go poleceniem "
               "'strategy jednostki PLIK'; zmianę kodu gminy, której nie ma jeszcze w rejestrze, "
               "można też zapisać w data/raw/jednostki.csv (kolumny kod;nazwa;poprzedni_kod;"
               "od_roku)")
_DIGITS = re.compile(r"^\d+$")


def normalize_code(raw: object) -> str:
    """Return the code as a digit string, undoing what spreadsheets do to codes.

    Accepts ``"3007012"``, ``3007012``, ``3007012.0``, ``"3 007 012"``, the Excel renderings
    ``"3.007.012,00"`` / ``"3007012,00"`` and scientific notation ``"1,20101E+06"`` (the
    latter only when it denotes an integer exactly). Raises :class:`UnitError` otherwise.
    """
    if raw is None or (isinstance(raw, float) and raw != raw):
        raise UnitError("pusty kod jednostki")
    if isinstance(raw, bool):
        raise UnitError(f"'{raw}' nie jest kodem TERC")
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        if raw.is_integer():
            return str(int(raw))  # a code that Excel stored as a number
        raise UnitError(f"'{raw}' nie jest kodem TERC (liczba niecałkowita)")
    s = str(raw).strip().strip('"').strip("'")
    s = re.sub(r"[\s\u00a0\u202f]", "", s)
    if _DIGITS.match(s):
        return s
    if re.match(r"^\d+(?:[.,]\d+)?[eE][+-]?\d+$", s):
        raise UnitError(
            f"'{raw}' to kod zniekształcony przez Excel (zapis wykładniczy, utracone cyfry); "
            "sformatuj kolumnę kodów jako tekst i wpisz kod ponownie"
        )
    # "141.803,00" / "141803,00" / "141,803.00": thousands separators and a zero fraction.
    m = re.match(r"^(\d{1,3}(?:[.,]\d{3})*|\d+)(?:[.,](0+))?$", s)
    if m:
        digits = re.sub(r"[.,]", "", m.group(1))
        if len(digits) in (2, 4, 7):
            return digits
        if len(digits) in (1, 3, 6):
            raise UnitError(
                f"'{raw}' to kod zniekształcony przez Excel (liczba z separatorami, {len(digits)} "
                f"cyfr, utracone zero na początku: zapewne 0{digits}); sformatuj kolumnę kodów "
                "jako tekst i wpisz kod ponownie")
        raise UnitError(
            f"'{raw}' to kod zniekształcony przez Excel (liczba z separatorami, {len(digits)} cyfr "
            "zamiast 7, utracone zera lub cyfry); sformatuj kolumnę kodów jako tekst"
        )
    raise UnitError(f"'{raw}' nie jest kodem TERC")


def kind_of(code: str) -> str:
    """Return ``'gmina'``, ``'powiat'`` or ``'wojewodztwo'`` for a well-formed TERC code."""
    validate_terc(code)
    return {7: "gmina", 4: "powiat", 2: "wojewodztwo"}[len(code)]


def validate_terc(code: str) -> str:
    """Return ``code`` if it is a structurally valid TERC code, else raise :class:`UnitError`."""
    if not isinstance(code, str) or not _DIGITS.match(code):
        raise UnitError(f"'{code}' nie jest kodem TERC (dozwolone tylko cyfry)")
    if len(code) not in (2, 4, 7):
        raise UnitError(
            f"'{code}' nie jest kodem TERC: oczekiwano 7 cyfr (gmina), 4 (powiat) lub 2 (województwo),"
            f" a jest {len(code)}"
        )
    woj = int(code[:2])
    if woj < 2 or woj > 32 or woj % 2:
        raise UnitError(f"'{code}': '{code[:2]}' nie jest kodem województwa (02, 04, ..., 32)")
    if len(code) >= 4 and code[2:4] == "00":
        raise UnitError(f"'{code}': kod powiatu nie może być 00")
    if len(code) == 7:
        if code[4:6] == "00":
            raise UnitError(f"'{code}': numer gminy nie może być 00")
        if code[6] not in GMINA_TYPES:
            raise UnitError(
                f"'{code}': cyfra rodzaju gminy '{code[6]}' jest niedozwolona (1-5, 8, 9)"
            )
    return code


def parent_of(code: str) -> str | None:
    """Return the parent unit's code (gmina -> powiat -> województwo -> None)."""
    kind = kind_of(code)
    return {"gmina": code[:4], "powiat": code[:2], "wojewodztwo": None}[kind]


def terc_from_bdl(bdl_id: str) -> str:
    """Return the TERC code of a 12-digit BDL unit id (``id[2:4] + id[7:12]`` for gminas).

    Higher levels: a powiat id ends in ``000``, a województwo id has zeros from position 4.
    """
    s = str(bdl_id).strip()
    if not re.fullmatch(r"\d{12}", s):
        raise UnitError(f"'{bdl_id}' nie jest 12-cyfrowym identyfikatorem jednostki BDL")
    if s[2:] == "0" * 10:
        raise UnitError(f"'{bdl_id}' to jednostka BDL powyżej województwa (Polska lub makroregion)")
    if s[4:] == "0" * 8:
        return validate_terc(s[2:4])
    if s[9:] == "000":
        if s[7:9] == "00":
            raise UnitError(f"'{bdl_id}' to region lub podregion BDL, nie powiat ani gmina")
        return validate_terc(s[2:4] + s[7:9])
    return validate_terc(s[2:4] + s[7:12])


@dataclass(frozen=True)
class Unit:
    teryt: str
    name: str
    kind: str
    gmina_type: str | None
    valid_from: int | None
    valid_to: int | None
    successor: str | None
    bdl_id: str | None
    name_extra: str | None = None   # NAZWA_DOD of the TERC register ("gmina wiejska", ...)
    city_rights: bool = False       # a city with powiat rights (its powiat code and its gmina)
    former_name: str | None = None  # the name before a rename with the code kept (Słupsk)
    renamed_in: int | None = None   # the first year of the present name (2024)

    @property
    def type_name(self) -> str:
        """Return the Polish name of the unit's type (``gmina wiejska``, ``powiat``...)."""
        if self.kind == "gmina":
            return GMINA_TYPES[self.gmina_type or self.teryt[6]]
        return {"powiat": "powiat", "wojewodztwo": "województwo"}[self.kind]

    @property
    def is_whole_gmina(self) -> bool:
        return self.kind == "gmina" and self.teryt[6] in WHOLE_GMINA_TYPES

    def valid_in(self, year: int) -> bool:
        return (self.valid_from is None or year >= self.valid_from) and (
            self.valid_to is None or year <= self.valid_to
        )

    @property
    def label(self) -> str:
        """Return a label that tells same-named units apart (``Koźminek (gmina miejsko-wiejska)``)."""
        if self.kind == "powiat":
            return self.name if self.city_rights else f"powiat {self.name}"
        if self.kind == "wojewodztwo":
            return f"województwo {self.name}"
        return f"{self.name} ({self.type_name})"


class Registry:
    """The units known to the workbench, keyed by TERC code (never by name)."""

    COLUMNS = ["teryt", "name", "kind", "gmina_type", "valid_from", "valid_to", "successor",
               "bdl_id", "note"]

    def __init__(self, frame: pd.DataFrame, *, as_of: str = "", source: str = ""):
        missing = set(self.COLUMNS) - set(frame.columns)
        if missing:
            raise UnitError(f"rejestr jednostek: brak kolumn {sorted(missing)}")
        self.as_of = as_of      # STAN_NA of the TERC register the registry is built on
        self.source = source    # where that register comes from (for messages)
        self._units: dict[str, Unit] = {}
        for rec in terc.records(frame):
            code = validate_terc(normalize_code(rec["teryt"]))
            if code in self._units:
                raise UnitError(f"rejestr jednostek: kod {code} występuje dwa razy")
            self._units[code] = Unit(
                teryt=code,
                name=str(rec["name"]),
                kind=kind_of(code),
                gmina_type=_opt_str(rec["gmina_type"]),
                valid_from=_opt_int(rec["valid_from"]),
                valid_to=_opt_int(rec["valid_to"]),
                successor=_opt_str(rec["successor"]),
                bdl_id=_opt_str(rec["bdl_id"]),
                name_extra=_opt_str(rec.get("name_extra")),
                city_rights=str(rec.get("city_rights", "")).strip() in ("1", "True", "true"),
                former_name=_opt_str(rec.get("former_name")),
                renamed_in=_opt_int(rec.get("renamed_in")),
            )
        self._by_bdl = {u.bdl_id: u.teryt for u in self._units.values() if u.bdl_id}
        names: dict[tuple[str, str], int] = {}
        for u in self._units.values():
            if u.is_whole_gmina and not u.successor:
                names[(u.teryt[:4], u.name)] = names.get((u.teryt[:4], u.name), 0) + 1
        self._shared = {k for k, n in names.items() if n > 1}

    @classmethod
    def from_csv(cls, path: str | Path) -> "Registry":
        return cls(pd.read_csv(path, dtype=str, keep_default_na=False))

    def __contains__(self, code: str) -> bool:
        return code in self._units

    def __iter__(self):
        return iter(self._units.values())

    def __len__(self) -> int:
        return len(self._units)

    def get(self, code: str) -> Unit:
        try:
            return self._units[code]
        except KeyError:
            raise UnitError(f"jednostka o kodzie {code} nie występuje w rejestrze TERC"
                            f"{self._as_of_text()}; {IMPORT_HINT}") from None

    def _as_of_text(self) -> str:
        return f" (stan na {self.as_of})" if self.as_of else ""

    def name(self, code: str) -> str:
        return self.get(code).name

    def display_name(self, code: str) -> str:
        """Return the name a reader needs: ``Kraśnik (gmina miejska)`` or plain ``Opatówek``.

        A gmina gets its type in brackets when another current gmina of the same powiat has the
        same name (Kraśnik 0607011 and 0607052, Bolesławiec 0201011 and 0201022); every other
        unit its plain name (a powiat: the adjective, ``kraśnicki``; a city with powiat rights:
        ``Kalisz``). An unknown code is returned as it is.
        """
        if code not in self._units:
            return code
        u = self._units[code]
        if u.kind == "gmina" and (u.teryt[:4], u.name) in self._shared:
            return f"{u.name} ({GMINA_TYPES[u.teryt[6]]})"
        return u.name

    def shares_name(self, code: str) -> bool:
        """Return True when the gmina ``code`` shares its name with another gmina of its powiat."""
        u = self._units.get(code)
        return bool(u and u.kind == "gmina" and (u.teryt[:4], u.name) in self._shared)

    def current(self, code: str) -> str:
        """Return the code that continues ``code`` today (follows successors after type changes)."""
        seen = set()
        while code in self._units and self._units[code].successor and code not in seen:
            seen.add(code)
            code = self._units[code].successor
        return code

    def predecessors(self, code: str) -> list[Unit]:
        """Return the units whose codes ``code`` continues (oldest first): 1211033 -> [1211032]."""
        out = [u for u in self._units.values() if u.successor and u.teryt != code
               and self.current(u.teryt) == self.current(code)]
        return sorted(out, key=lambda u: (u.valid_to or 0, u.teryt))

    def change_label(self, old: str) -> str:
        """Return how a reader is told that ``old`` became today's code:
        ``1211032 Czarny Dunajec (gmina wiejska do 2022 r.) → 1211033``."""
        new = self.current(old)
        if old not in self._units:
            return f"{old} → {new}"
        u = self._units[old]
        until = f" do {u.valid_to} r." if u.valid_to else ""
        kind = GMINA_TYPES.get(u.gmina_type or old[6], "") if u.kind == "gmina" else u.type_name
        return f"{old} {u.name} ({kind}{until}) → {new}"

    def gminas_of(self, powiat: str, year: int | None = None) -> list[Unit]:
        """Return the whole gminas (types 1-3) of a powiat, current codes only, sorted by code."""
        kind_of(powiat)
        out = [
            u for u in self._units.values()
            if u.kind == "gmina" and u.teryt.startswith(powiat) and u.is_whole_gmina
            and not u.successor and (year is None or u.valid_in(year) or u.valid_to is None)
        ]
        return sorted(out, key=lambda u: u.teryt)

    def powiats(self) -> list[Unit]:
        return sorted((u for u in self._units.values() if u.kind == "powiat"), key=lambda u: u.teryt)

    def bdl_id(self, code: str) -> str:
        """Return the 12-digit BDL id of a unit; only the registry knows the middle digits."""
        unit = self.get(code)
        if not unit.bdl_id:
            raise UnitError(f"rejestr nie zna identyfikatora BDL jednostki {code}")
        return unit.bdl_id

    def from_bdl(self, bdl_id: str) -> str:
        """Return the TERC code of a BDL id (registry first, then the structural rule)."""
        return self._by_bdl.get(str(bdl_id).strip()) or terc_from_bdl(bdl_id)

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame([u.__dict__ for u in self._units.values()])


def _opt_str(v) -> str | None:
    if v is None or (isinstance(v, float) and v != v):
        return None
    s = str(v).strip()
    return s or None


def _opt_int(v) -> int | None:
    s = _opt_str(v)
    return int(float(s)) if s else None


#: Local unit files (units or code changes the register in use does not know yet): the paths in
#: this environment variable (separated by os.pathsep) and ``data/raw/jednostki.csv`` in the
#: working directory; layouts in :func:`read_units_file`.
UNITS_ENV = "STRATEGY_UNITS"
LOCAL_UNITS = Path("data/raw/jednostki.csv")


def default_registry() -> Registry:
    """Return the registry in use: the current TERC register (the project's imported one when it
    is not older than the packaged one, else the packaged one), the code history (packaged,
    ``data/units.csv``, imported) and the local unit files.

    Cached per state of those files, so a changed project folder or a new import is seen.
    """
    local = terc.LOCAL_REGISTER if terc.LOCAL_REGISTER.is_file() else None
    extras = [Path(x) for x in os.environ.get(UNITS_ENV, "").split(os.pathsep) if x]
    if LOCAL_UNITS.exists():
        extras.append(LOCAL_UNITS)
    key = tuple((str(p.resolve()), _mtime(p)) for p in
                ([local] if local else []) + ([terc.LOCAL_HISTORY] if local else []) + extras)
    return _build_registry(bool(local), key)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


@lru_cache(maxsize=1)
def _packaged() -> pd.DataFrame:
    with resources.as_file(resources.files("strategy") / "data") as folder:
        return terc.packaged_register(folder)


@lru_cache(maxsize=4)
def _build_registry(local: bool, key: tuple) -> Registry:
    packaged = _packaged()
    packaged_as_of = str(packaged["as_of"].max())
    frame, as_of, use_local = packaged, packaged_as_of, False
    source = f"{terc.PACKAGED} ze zmianami z {terc.PACKAGED_ADDRESS} (w pakiecie)"
    if local:
        base = terc.read_terc(terc.LOCAL_REGISTER)
        local_as_of = str(base["as_of"].max())
        if local_as_of >= packaged_as_of:    # an older imported register is not used
            history = packaged[(packaged["successor"] != "") | (packaged["former_name"] != "")
                               | (packaged["valid_from"] != "")]
            frame = _overlay(base.assign(**{c: "" for c in terc.HISTORY_EXTRA}), history)
            as_of, use_local = local_as_of, True
            source = f"{terc.LOCAL_REGISTER} (zaimportowany poleceniem 'strategy jednostki')"
    frame = frame.drop(columns=["as_of"])
    with resources.as_file(resources.files("strategy") / "data" / "units.csv") as p:
        overlays = [pd.read_csv(p, dtype=str, keep_default_na=False)]
    if use_local and terc.LOCAL_HISTORY.is_file():
        overlays.append(pd.read_csv(terc.LOCAL_HISTORY, dtype=str, keep_default_na=False))
    for overlay in overlays:
        frame = _overlay(frame, overlay)
    for path in [Path(k[0]) for k in key[(2 if local else 0):]]:
        frame = _add_local_units(frame, read_units_file(path), path)
    return Registry(frame.fillna(""), as_of=as_of, source=source)


def _overlay(frame: pd.DataFrame, overlay: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with the history of ``overlay``: validity years, successors and BDL ids
    for codes the register has (its name and type stay), whole rows for codes it lacks."""
    frame = frame.set_index("teryt", drop=False)
    add = []
    for rec in terc.records(overlay):
        code = rec["teryt"]
        if code in frame.index:
            for col in ("valid_from", "valid_to", "successor", "bdl_id", "note", "former_name",
                        "renamed_in"):
                if rec.get(col) and col in frame.columns:
                    frame.at[code, col] = rec[col]
        else:
            add.append(rec)
    out = frame.reset_index(drop=True)
    if add:
        out = pd.concat([out, pd.DataFrame(add)], ignore_index=True)
    return out


#: Columns of a local unit file in the Polish layout and the registry column each one fills.
LOCAL_COLUMNS = {"kod": "teryt", "nazwa": "name", "poprzedni_kod": "predecessor",
                 "od_roku": "valid_from", "uwagi": "note"}


def read_units_file(path: Path) -> pd.DataFrame:
    """Return the rows of a local unit file; raise UnitError (Polish, file, row, column) when it
    is not one or a row is wrong.

    A local unit file (``data/raw/jednostki.csv`` of the project, or a file named by the
    ``STRATEGY_UNITS`` variable) adds what the register in use does not know yet - a unit, or
    that a code continues another one (a gmina granted town rights after the register's date).
    ``;`` or ``,``, UTF-8 (with or without BOM) or Windows-1250, one of three layouts:

    - Polish (documented in ``data/raw/README.md``): ``kod;nazwa;poprzedni_kod;od_roku;uwagi``
      (``kod`` and ``nazwa`` required). ``poprzedni_kod`` is the code the unit had before
      ``od_roku`` (the first year of ``kod``, required with it): data under ``poprzedni_kod`` are
      then stored under ``kod``, e.g. ``1234053;Nowe Miasto;1234052;2027;prawa miejskie``;
    - the registry's own columns (``teryt,name,kind,gmina_type,valid_from,valid_to,successor,
      bdl_id,note``; ``teryt``, ``name``, ``kind`` required), ``poprzedni_kod`` allowed too;
    - an official TERC file (``WOJ;POW;GMI;RODZ;...``).

    Codes the register has keep their register row; a ``poprzedni_kod`` still links them.
    Returned columns: ``Registry.COLUMNS``, ``predecessor`` and ``line`` (the file's row).
    """
    try:
        text = terc.decode_bytes(path.read_bytes())
    except OSError as exc:
        raise UnitError(f"nie można odczytać pliku jednostek {path}: "
                        f"{exc.strerror or exc}") from None
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    if terc.is_terc_header(first.split(";")):
        frame = terc.read_terc(path).drop(columns=["as_of"])
        return frame.assign(predecessor="", line="")[Registry.COLUMNS + ["predecessor", "line"]]
    sep = ";" if first.count(";") > first.count(",") else ","
    try:
        frame = pd.read_csv(io.StringIO(text.lstrip("\ufeff")), sep=sep, dtype=str,
                            keep_default_na=False)
    except (ValueError, pd.errors.ParserError) as exc:
        raise UnitError(f"nie można odczytać pliku jednostek {path}: {exc}") from None
    frame.columns = [c.strip().lower() for c in frame.columns]
    polish = "kod" in frame.columns and "teryt" not in frame.columns
    if polish:
        frame = frame.rename(columns=LOCAL_COLUMNS)
    else:
        frame = frame.rename(columns={"poprzedni_kod": "predecessor"})
    need = ["teryt", "name"] if polish else ["teryt", "name", "kind"]
    missing = [c for c in need if c not in frame.columns]
    if missing:
        shown = ", ".join({v: k for k, v in LOCAL_COLUMNS.items()}.get(c, c) if polish else c
                          for c in missing)
        raise UnitError(
            f"plik jednostek {path}: brak kolumn {shown} (nagłówek: '{first[:80]}'); oczekiwano "
            "kolumn kod;nazwa;poprzedni_kod;od_roku;uwagi (albo "
            f"{','.join(Registry.COLUMNS)}) lub pliku TERC z eTERYT - a najprościej wczytaj "
            "aktualny rejestr TERC poleceniem 'strategy jednostki PLIK'")
    for c in Registry.COLUMNS + ["predecessor"]:
        if c not in frame.columns:
            frame[c] = ""
    frame["line"] = [str(i + 2) for i in range(len(frame))]
    names = {v: k for k, v in LOCAL_COLUMNS.items()} if polish else {"predecessor":
                                                                      "poprzedni_kod"}
    errors = []
    for i, rec in frame.iterrows():
        where = f"wiersz {rec['line']}"
        try:
            code = validate_terc(normalize_code(rec["teryt"]))
            frame.at[i, "teryt"] = code
        except UnitError as exc:
            errors.append(f"{where}, kolumna {names.get('teryt', 'teryt')}: {exc}")
            continue
        if not str(rec["name"]).strip():
            errors.append(f"{where}, kolumna {names.get('name', 'name')}: brak nazwy jednostki")
        frame.at[i, "kind"] = kind_of(code)
        if kind_of(code) == "gmina" and not str(rec["gmina_type"]).strip():
            frame.at[i, "gmina_type"] = code[6]
        year = str(rec["valid_from"]).strip()
        if year and not re.fullmatch(r"(19|20)\d{2}", year):
            errors.append(f"{where}, kolumna {names.get('valid_from', 'valid_from')}: "
                          f"'{year}' nie jest rokiem (np. 2027)")
        pred = str(rec["predecessor"]).strip()
        if not pred:
            continue
        try:
            pred = validate_terc(normalize_code(pred))
        except UnitError as exc:
            errors.append(f"{where}, kolumna poprzedni_kod: {exc}")
            continue
        frame.at[i, "predecessor"] = pred
        if pred == code or kind_of(pred) != kind_of(code):
            errors.append(f"{where}, kolumna poprzedni_kod: {pred} nie może poprzedzać {code} "
                          "(inny kod jednostki tego samego rodzaju: gmina - gmina, powiat - "
                          "powiat)")
        elif not year:
            errors.append(f"{where}, kolumna {names.get('valid_from', 'valid_from')}: podano "
                          f"poprzedni_kod {pred}, brak roku, od którego obowiązuje kod {code}")
    if errors:
        raise UnitError(f"plik jednostek {path}: błędne wiersze ({len(errors)}):\n  "
                        + "\n  ".join(errors[:20]))
    return frame[Registry.COLUMNS + ["predecessor", "line"]]


def _add_local_units(frame: pd.DataFrame, extra: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Return ``frame`` with the units of a local unit file the register lacks and the code
    changes it declares (``predecessor``: the old code gets ``successor`` and ``valid_to``)."""
    known = set(frame["teryt"])
    new = extra[~extra["teryt"].isin(known)]
    frame = pd.concat([frame, new.drop(columns=["predecessor", "line"])], ignore_index=True)
    links = extra[extra["predecessor"] != ""]
    if links.empty:
        return frame
    frame = frame.set_index("teryt", drop=False)
    add, errors = [], []
    for rec in terc.records(links):
        code, pred, year = rec["teryt"], rec["predecessor"], int(rec["valid_from"])
        if code in known:
            frame.at[code, "valid_from"] = str(year)
        if pred in frame.index:
            was = str(frame.at[pred, "successor"] or "")
            if was and was != code:
                errors.append(f"wiersz {rec['line']}, kolumna poprzedni_kod: kod {pred} ma już "
                              f"następcę {was} w rejestrze, nie może mieć drugiego ({code})")
                continue
            frame.at[pred, "successor"] = code
            frame.at[pred, "valid_to"] = str(year - 1)
        else:
            add.append({**{c: "" for c in frame.columns}, "teryt": pred, "name": rec["name"],
                        "kind": kind_of(pred), "gmina_type": pred[6] if len(pred) == 7 else "",
                        "valid_to": str(year - 1), "successor": code,
                        "note": f"poprzedni kod według pliku {path.name}"})
    if errors:
        raise UnitError(f"plik jednostek {path}: błędne wiersze ({len(errors)}):\n  "
                        + "\n  ".join(errors))
    out = frame.reset_index(drop=True)
    if add:
        out = pd.concat([out, pd.DataFrame(add, columns=out.columns)], ignore_index=True)
    return out


default_registry.cache_clear = _build_registry.cache_clear  # type: ignore[attr-defined]
