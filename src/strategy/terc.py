"""The official TERYT TERC register of GUS: read, validate, compare, keep in the project.

In: a TERC file as users download it from eTERYT ("TERC urzędowy", or the address version "TERC
adresowy"): ``;``-separated, UTF-8 with or without BOM or Windows-1250, header
``WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA``.
Out: :func:`read_terc` gives the rows of :class:`strategy.units.Registry` (one per unit: 16
voivodeships, 380 powiats - 66 of them cities with powiat rights, which are also a gmina - and
every gmina and gmina part) or raises :class:`~strategy.errors.UnitError` listing every bad row;
:func:`compare` tells what a newer register changes (new units, renamed units, type changes with
the old code's successor, units gone); :func:`install` keeps an imported register in the project.

The register shipped in the package (``strategy/data``; the two registers are GUS's files from
eTERYT, eteryt.stat.gov.pl, copied unchanged - UTF-8 with BOM, CRLF, ``;``):

- ``TERC_Urzedowy_2025-11-18.csv`` - the full official register, state on 2025-01-01
  (downloaded from eTERYT on 2025-11-18; 2 479 gminas);
- ``TERC_adresowy_2026-01-01.csv`` - the official address version, state on 2026-01-01; it
  leaves out the RODZ 3 row of every urban-rural gmina (its parts 4 and 5 stay) and the gmina
  rows of the five cities with dzielnice or delegatury, so :func:`apply_address` brings the full
  register of 2025 to the state of 2026 with it (6 rural gminas that became urban-rural in 2026,
  one renamed gmina);
- ``terc_changes_2020-2026.csv`` (``old_code;new_code;name;change``) - the 87 changes of gmina
  codes and names from 2020 to 2026, read off the registers of 2020-2026 and the published lists
  of places granted town rights: 82 rural gminas that became urban-rural (old code, new code,
  the date), 2 new gminas of 2025, 3 renames. :func:`read_changes` reads it;
  :func:`packaged_register` joins the three into the current register with its code history.

Where an imported register lives: ``data/rejestr/TERC.csv`` under the project folder (the working
directory), a normalised copy (UTF-8 with BOM, ``;``), and beside it ``data/rejestr/historia.csv``
with the code changes found at import (old code, its last year, its successor; the columns of
``Registry.COLUMNS``). ``strategy jednostki PLIK`` writes both; from then on
:func:`strategy.units.default_registry` uses them instead of the packaged register (as long as
the imported one is not older than the packaged state). The folder is outside ``data/raw`` on
purpose: ``strategy ingest data/raw`` never reads the register as data.
"""
from __future__ import annotations

import codecs
import csv
import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import UnitError

HEADER = ["WOJ", "POW", "GMI", "RODZ", "NAZWA", "NAZWA_DOD", "STAN_NA"]
#: Folder of the register imported with ``strategy jednostki`` (relative to the project folder).
LOCAL_DIR = Path("data/rejestr")
LOCAL_REGISTER = LOCAL_DIR / "TERC.csv"
LOCAL_HISTORY = LOCAL_DIR / "historia.csv"
#: The register shipped with the package (file names in ``strategy/data``): the full register of
#: 2025, the address version of 2026 and the list of changes of codes and names 2020-2026.
PACKAGED = "TERC_Urzedowy_2025-11-18.csv"
PACKAGED_ADDRESS = "TERC_adresowy_2026-01-01.csv"
PACKAGED_CHANGES = "terc_changes_2020-2026.csv"
#: Columns of the code history the registry keeps beside ``Registry.COLUMNS``.
HISTORY_EXTRA = ["former_name", "renamed_in"]
#: Name a part of an urban-rural gmina gets (as BDL writes it): "Annopol - miasto".
PART_SUFFIX = {"4": "miasto", "5": "obszar wiejski"}
_MAX_LISTED = 20


def records(frame: pd.DataFrame) -> list[dict]:
    """Return the rows of ``frame`` as dicts, quickly (object columns, not Arrow strings one by
    one: the register's 4 000 rows are turned into dicts several times per registry built)."""
    cols = [str(c) for c in frame.columns]
    return [dict(zip(cols, row)) for row in frame.astype(object).itertuples(index=False, name=None)]


def is_terc_header(cells: list[str]) -> bool:
    """Return True for the header row of an official TERC file."""
    return [c.replace("\ufeff", "").strip().strip('"').upper() for c in cells[:7]] == HEADER


def decode_bytes(data: bytes) -> str:
    """Return the text of a TERC file: UTF-8 (BOM or not) or Windows-1250."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1250")
    except UnicodeDecodeError as exc:
        raise UnitError(f"plik rejestru nie jest zapisany ani w UTF-8, ani w Windows-1250 "
                        f"(bajt na pozycji {exc.start})") from None


def read_terc(path: str | Path, label: str | None = None) -> pd.DataFrame:
    """Return the registry rows of an official TERC file; raise UnitError naming bad rows.

    Columns: those of ``Registry.COLUMNS`` plus ``name_extra`` (NAZWA_DOD), ``city_rights``
    ("1" for a city with powiat rights) and ``as_of`` (STAN_NA of the file).
    """
    path = Path(path)
    label = label or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnitError(f"nie można otworzyć pliku rejestru {label}: "
                        f"{exc.strerror or exc}") from None
    text = decode_bytes(data)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    rows = [(i + 1, r) for i, r in enumerate(rows) if any(c.strip() for c in r)]
    if not rows or not is_terc_header(rows[0][1]):
        found = ";".join(rows[0][1])[:80] if rows else "(pusty plik)"
        raise UnitError(
            f"{label}: to nie jest plik rejestru TERC GUS - pierwszy wiersz to '{found}', "
            f"oczekiwano nagłówka {';'.join(HEADER)} (plik 'TERC urzędowy' z eTERYT)")
    out, errors, seen = [], [], {}
    as_of = ""
    for line, cells in rows[1:]:
        cells = [c.strip() for c in cells] + [""] * (7 - len(cells))
        woj, pow_, gmi, rodz, name, extra, stan = cells[:7]
        try:
            code, kind = _code(woj, pow_, gmi, rodz)
        except UnitError as exc:
            errors.append(f"wiersz {line}: {exc}")
            continue
        if not name:
            errors.append(f"wiersz {line}: brak nazwy jednostki {code}")
            continue
        if code in seen:
            errors.append(f"wiersz {line}: kod {code} występuje już w wierszu {seen[code]}")
            continue
        seen[code] = line
        as_of = max(as_of, stan)
        if kind == "wojewodztwo":
            name = name.lower()
        elif kind == "gmina" and rodz in PART_SUFFIX:
            name = f"{name} - {PART_SUFFIX[rodz]}"
        out.append({
            "teryt": code, "name": name, "kind": kind, "gmina_type": rodz if kind == "gmina" else "",
            "valid_from": "", "valid_to": "", "successor": "", "bdl_id": "", "note": "",
            "name_extra": extra, "city_rights": "1" if "na prawach powiatu" in extra else "",
            "as_of": stan,
        })
    if errors:
        shown = "\n  ".join(errors[:_MAX_LISTED])
        more = f"\n  ... i {len(errors) - _MAX_LISTED} więcej" if len(errors) > _MAX_LISTED else ""
        raise UnitError(f"{label}: błędne wiersze rejestru TERC ({len(errors)}):\n  {shown}{more}")
    if not out:
        raise UnitError(f"{label}: plik rejestru TERC nie zawiera żadnej jednostki")
    frame = pd.DataFrame(out)
    frame["as_of"] = as_of
    kinds = frame["kind"].value_counts()
    if not kinds.get("wojewodztwo") or not kinds.get("powiat"):
        raise UnitError(f"{label}: plik rejestru TERC nie zawiera województw lub powiatów - "
                        "to nie jest pełny rejestr (pobierz cały plik TERC z eTERYT)")
    return frame


def _code(woj: str, pow_: str, gmi: str, rodz: str) -> tuple[str, str]:
    if not re.fullmatch(r"\d{2}", woj):
        raise UnitError(f"WOJ '{woj}' nie jest dwucyfrowym kodem województwa")
    if not pow_:
        if gmi or rodz:
            raise UnitError("GMI/RODZ podane bez POW")
        return woj, "wojewodztwo"
    if not re.fullmatch(r"\d{2}", pow_):
        raise UnitError(f"POW '{pow_}' nie jest dwucyfrowym kodem powiatu")
    if not gmi:
        return woj + pow_, "powiat"
    if not re.fullmatch(r"\d{2}", gmi) or not re.fullmatch(r"[1-589]", rodz):
        raise UnitError(f"GMI '{gmi}' / RODZ '{rodz}' nie tworzą kodu gminy "
                        "(2 cyfry i rodzaj 1-5, 8 lub 9)")
    return woj + pow_ + gmi + rodz, "gmina"


@dataclass
class Changes:
    """What a new register changes against the one in use."""

    new: list[tuple[str, str]] = field(default_factory=list)              # (code, label)
    renamed: list[tuple[str, str, str]] = field(default_factory=list)     # (code, old, new)
    retyped: list[tuple[str, str, str, str]] = field(default_factory=list)  # old, new, labels
    gone: list[tuple[str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.new or self.renamed or self.retyped or self.gone)


def _label(rec: dict) -> str:
    if rec["kind"] == "gmina":
        extra = rec.get("name_extra") or ""
        return f"{rec['name']} ({extra})" if extra else rec["name"]
    if rec["kind"] == "powiat":
        return rec["name"] if rec.get("city_rights") else f"powiat {rec['name']}"
    return f"województwo {rec['name']}"


def compare(old: pd.DataFrame, new: pd.DataFrame) -> Changes:
    """Return the changes from the register ``old`` to ``new`` (frames of :func:`read_terc`).

    A gmina whose code disappears while a code with the same first six digits (same voivodeship,
    powiat and gmina number) and another type appears changed type: the new code is the old
    code's successor (a rural gmina whose village became a town: ...2 -> ...3).
    """
    o = {r["teryt"]: r for r in records(old)}
    n = {r["teryt"]: r for r in records(new)}
    ch = Changes()
    added = sorted(set(n) - set(o))
    removed = sorted(set(o) - set(n))
    whole = set("123")
    retyped_new = set()
    for code in removed:
        if len(code) == 7 and code[6] in whole:
            succ = [c for c in added if len(c) == 7 and c[:6] == code[:6] and c[6] in whole]
            if succ:
                ch.retyped.append((code, succ[0], _label(o[code]), _label(n[succ[0]])))
                retyped_new.add(succ[0])
                continue
        if len(code) == 7 and code[6] not in whole and any(
                len(c) == 7 and c[:6] == code[:6] for c in added):
            continue  # a part of a gmina that changed type
        ch.gone.append((code, _label(o[code])))
    for code in added:
        if code in retyped_new:
            continue
        if len(code) == 7 and code[6] not in whole and code[:6] in {c[:6] for c in retyped_new}:
            continue  # the parts of a gmina that became urban-rural
        ch.new.append((code, _label(n[code])))
    for code in sorted(set(o) & set(n)):
        if o[code]["name"] != n[code]["name"]:
            ch.renamed.append((code, o[code]["name"], n[code]["name"]))
    return ch


def history_rows(changes: Changes, as_of: str) -> pd.DataFrame:
    """Return registry rows recording the type changes: the old code, its last year, successor."""
    year = int(as_of[:4]) if re.match(r"\d{4}", as_of or "") else None
    rows = []
    for old, new, old_label, _ in changes.retyped:
        name = re.sub(r"\s*\(.*\)$", "", old_label)
        rows.append({"teryt": old, "name": name, "kind": "gmina", "gmina_type": old[6],
                     "valid_from": "", "valid_to": str(year - 1) if year else "",
                     "successor": new, "bdl_id": "",
                     "note": f"zmiana rodzaju gminy według rejestru TERC ze stanem na {as_of}"})
    return pd.DataFrame(rows, columns=["teryt", "name", "kind", "gmina_type", "valid_from",
                                       "valid_to", "successor", "bdl_id", "note"])


def install(frame: pd.DataFrame, history: pd.DataFrame, folder: str | Path = LOCAL_DIR) -> Path:
    """Write the register (TERC layout) and its code history into ``folder``, atomically.

    History rows already there are kept (a code changed by an earlier import stays known).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / LOCAL_REGISTER.name
    hist_target = folder / LOCAL_HISTORY.name
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(HEADER)
    for r in records(frame):
        code, name = r["teryt"], r["name"]
        if r["kind"] == "wojewodztwo":
            name = name.upper()
        if r["kind"] == "gmina" and code[6] in PART_SUFFIX:
            name = name.rsplit(" - ", 1)[0]
        w.writerow([code[:2], code[2:4], code[4:6], code[6:7], name, r["name_extra"], r["as_of"]])
    if hist_target.exists():
        old = pd.read_csv(hist_target, dtype=str, keep_default_na=False)
        history = pd.concat([old[~old["teryt"].isin(history["teryt"])], history],
                            ignore_index=True)
    _atomic_write(target, "\ufeff" + out.getvalue())
    _atomic_write(hist_target, history.to_csv(index=False))
    return target


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- the packaged register: 2025 full + 2026 address version + the changes 2020-2026 ----------

_CHANGE_YEAR = re.compile(r"\((?:town rights )?(\d{4})-\d{2}-\d{2}\)\s*$")
_RENAMED = re.compile(r"^renamed from (.+?) \(")
_CARVED = re.compile(r"carved out of (\d{7}) ([^(]+?) \(")


def read_changes(path: str | Path, label: str | None = None) -> pd.DataFrame:
    """Return the list of changes of gmina codes and names (``old_code;new_code;name;change``).

    Columns: ``old_code``, ``new_code``, ``name``, ``change`` as in the file, plus ``kind``
    (``typ`` a type change with a new code, ``nowa`` a new gmina, ``nazwa`` a rename with the
    code kept), ``year`` (the first year of the new state), ``former_name`` (of a rename) and
    ``split_from`` (the code a new gmina was carved out of). Raise UnitError naming bad rows.
    """
    path = Path(path)
    label = label or str(path)
    try:
        text = decode_bytes(path.read_bytes())
    except OSError as exc:
        raise UnitError(f"nie można otworzyć listy zmian kodów {label}: "
                        f"{exc.strerror or exc}") from None
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    if not rows or [c.strip() for c in rows[0][:4]] != ["old_code", "new_code", "name", "change"]:
        raise UnitError(f"{label}: oczekiwano nagłówka old_code;new_code;name;change")
    out, errors = [], []
    for line, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        old, new, name, change = ([c.strip() for c in cells] + [""] * 4)[:4]
        m = _CHANGE_YEAR.search(change)
        if not re.fullmatch(r"\d{7}", new) or (old and not re.fullmatch(r"\d{7}", old)) \
                or not name or not m:
            errors.append(f"wiersz {line}: '{';'.join(cells)}'")
            continue
        renamed, carved = _RENAMED.match(change), _CARVED.search(change)
        kind = "nazwa" if renamed else "nowa" if not old else "typ"
        if kind == "typ" and (old == new or old[:6] != new[:6]):
            errors.append(f"wiersz {line}: zmiana rodzaju gminy {old} -> {new} zmienia "
                          "więcej niż cyfrę rodzaju")
            continue
        out.append({"old_code": old, "new_code": new, "name": name, "change": change,
                    "kind": kind, "year": int(m.group(1)),
                    "former_name": renamed.group(1) if renamed else "",
                    "split_from": carved.group(1) if carved else ""})
    if errors:
        raise UnitError(f"{label}: błędne wiersze listy zmian kodów ({len(errors)}):\n  "
                        + "\n  ".join(errors[:_MAX_LISTED]))
    return pd.DataFrame(out, columns=["old_code", "new_code", "name", "change", "kind", "year",
                                      "former_name", "split_from"])


def apply_address(full: pd.DataFrame, address: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Return the full register ``full`` brought to the state of the address version ``address``
    (frames of :func:`read_terc`), and the codes of ``full`` the address version ends.

    The address version has no RODZ 3 rows and no gmina rows of the cities with dzielnice or
    delegatury, so: an urban-rural gmina stays while its town part is there (its name from the
    part); a city's gmina stays while the city is there; a part whose urban-rural gmina the full
    register lacks makes that gmina (a rural gmina that became urban-rural: its old code ends).
    Names and NAZWA_DOD come from the address version; STAN_NA is the address version's.
    """
    adr = {r["teryt"]: r for r in records(address)}
    as_of = str(address["as_of"].iloc[0])
    divided = {c[:4] for c in adr if len(c) == 7 and c[6] in "89"}   # dzielnice, delegatury
    out, ended = [], []
    for rec in records(full):
        code = rec["teryt"]
        rec = dict(rec, as_of=as_of)
        if code in adr:
            rec.update(name=adr[code]["name"], name_extra=adr[code]["name_extra"])
        elif rec["kind"] == "gmina" and code[6] == "3" and code[:6] + "4" in adr:
            rec["name"] = adr[code[:6] + "4"]["name"].rsplit(" - ", 1)[0]
        elif rec["kind"] == "gmina" and code[6] == "1" and code[:4] in divided:
            pass                           # Warszawa, Kraków, Łódź, Poznań, Wrocław
        else:
            ended.append(code)
            continue
        out.append(rec)
    known = {r["teryt"] for r in out}
    for code, rec in adr.items():
        if code in known:
            continue
        if rec["kind"] == "gmina" and code[6] in "45" and code[:6] + "3" not in known:
            known.add(code[:6] + "3")
            out.append(dict(rec, teryt=code[:6] + "3", gmina_type="3",
                            name=rec["name"].rsplit(" - ", 1)[0],
                            name_extra="gmina miejsko-wiejska", as_of=as_of))
        out.append(dict(rec, as_of=as_of))
    return pd.DataFrame(out, columns=list(full.columns)), ended


def apply_history(frame: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` (registry rows) with the code history of ``changes`` (:func:`read_changes`).

    A type change adds the old code (its name, ``valid_to`` the year before the change, the new
    code as ``successor``) unless the register has it, and gives the new code and its parts
    ``valid_from``; a new gmina gets ``valid_from``; a rename records ``former_name`` and
    ``renamed_in`` (the first year of the new name). Codes of the history the register lacks
    (a new code of a type change, a renamed gmina) are left out: the register is the authority.
    """
    f = frame.copy()
    for col in HISTORY_EXTRA:
        if col not in f:
            f[col] = ""
    f = f.set_index("teryt", drop=False)
    add = []
    for ch in records(changes):
        new, year = ch["new_code"], int(ch["year"])
        if new not in f.index:
            continue
        if ch["kind"] == "typ":
            old = ch["old_code"]
            for code in (new, new[:6] + "4", new[:6] + "5"):
                if code in f.index:
                    f.at[code, "valid_from"] = str(year)
            note = (f"gmina wiejska do {year - 1} r.; od {year} r. gmina miejsko-wiejska {new} "
                    "(nadanie praw miejskich)")
            if old in f.index:
                f.at[old, "valid_to"] = str(year - 1)
                f.at[old, "successor"] = new
                f.at[old, "note"] = note
            else:
                add.append({**{c: "" for c in f.columns}, "teryt": old, "name": ch["name"],
                            "kind": "gmina", "gmina_type": old[6],
                            "name_extra": GMINA_NAMES.get(old[6], ""), "valid_to": str(year - 1),
                            "successor": new, "note": note})
        elif ch["kind"] == "nowa":
            f.at[new, "valid_from"] = str(year)
            f.at[new, "note"] = (f"nowa gmina od {year} r., wydzielona z gminy "
                                 f"{ch['split_from']}" if ch["split_from"] else
                                 f"nowa gmina od {year} r.")
        else:
            f.at[new, "former_name"] = ch["former_name"]
            f.at[new, "renamed_in"] = str(year)
    out = f.reset_index(drop=True)
    if add:
        out = pd.concat([out, pd.DataFrame(add, columns=out.columns)], ignore_index=True)
    return out


#: NAZWA_DOD of the register for a gmina type digit.
GMINA_NAMES = {"1": "gmina miejska", "2": "gmina wiejska", "3": "gmina miejsko-wiejska"}


def packaged_register(folder: str | Path) -> pd.DataFrame:
    """Return the current register shipped in the package (files in ``folder``), with history.

    The full register of 2025 brought to 2026 by the address version (:func:`apply_address`),
    with the code history of the list of changes (:func:`apply_history`). Columns: those of
    :func:`read_terc` (``as_of`` is the address version's, 2026-01-01) plus ``former_name`` and
    ``renamed_in``. Raise UnitError when the address version ends a unit the list of changes does
    not explain (the files would not agree).
    """
    folder = Path(folder)
    full = read_terc(folder / PACKAGED, PACKAGED)
    address = read_terc(folder / PACKAGED_ADDRESS, PACKAGED_ADDRESS)
    changes = read_changes(folder / PACKAGED_CHANGES, PACKAGED_CHANGES)
    frame, ended = apply_address(full, address)
    explained = set(changes.loc[changes["kind"] == "typ", "old_code"])
    unexplained = [c for c in ended if c not in explained]
    if unexplained:
        raise UnitError(f"{PACKAGED_ADDRESS}: brak jednostek {', '.join(unexplained[:10])} "
                        f"rejestru {PACKAGED}, a lista zmian {PACKAGED_CHANGES} tego nie "
                        "wyjaśnia")
    return apply_history(frame, changes)
