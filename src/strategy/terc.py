"""The official TERYT TERC register file of GUS: read, validate, compare, keep in the project.

In: a TERC file as users download it from eTERYT ("TERC urzędowy"): ``;``-separated, UTF-8 with
or without BOM or Windows-1250, header ``WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA``. The package
ships the state of 2020-01-01 (``data/TERC_2020-01-01.csv``, see ``../shared/data/README.md``).
Out: :func:`read_terc` gives the rows of :class:`strategy.units.Registry` (one per unit: 16
voivodeships, 380 powiats - 66 of them cities with powiat rights, which are also a gmina - and
every gmina and gmina part) or raises :class:`~strategy.errors.UnitError` listing every bad row;
:func:`compare` tells what a newer register changes (new units, renamed units, type changes with
the old code's successor, units gone); :func:`install` keeps an imported register in the project.

Where an imported register lives: ``data/rejestr/TERC.csv`` under the project folder (the working
directory), a normalised copy (UTF-8 with BOM, ``;``), and beside it ``data/rejestr/historia.csv``
with the code changes found at import (old code, its last year, its successor; the columns of
``Registry.COLUMNS``). ``strategy jednostki PLIK`` writes both; from then on
:func:`strategy.units.default_registry` uses them instead of the packaged register. The folder
is outside ``data/raw`` on purpose: ``strategy ingest data/raw`` never reads the register as data.
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
#: The register shipped with the package (file name in ``strategy/data``).
PACKAGED = "TERC_2020-01-01.csv"
#: Name a part of an urban-rural gmina gets (as BDL writes it): "Annopol - miasto".
PART_SUFFIX = {"4": "miasto", "5": "obszar wiejski"}
_MAX_LISTED = 20


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
    o = {r["teryt"]: r for r in old.to_dict("records")}
    n = {r["teryt"]: r for r in new.to_dict("records")}
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
    for r in frame.to_dict("records"):
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
