"""``strategy jednostki PLIK [--sprawdz]``: import a newer official TERC register into the project.

In: the TERC file as downloaded from eTERYT ("TERC urzędowy", ``;``, UTF-8 with BOM or
Windows-1250). Out: the file validated (every bad row named), the changes against the register in
use printed (new units, renamed units, gminas that changed type with the old code's successor,
units gone), and - unless ``--sprawdz`` - the register kept in ``data/rejestr/`` (see
:mod:`strategy.terc`), used from then on by every command run in this project folder (with the
packaged code history kept). Exit 0; 2 for a file that is not a valid register, the address
version ("TERC adresowy", which has no rows of urban-rural gminas), or one older than the
register in use (the packaged one is the state on 2026-01-01). Names with control characters
or longer than 100 characters are accepted with a warning each. The register in use is read,
compared and replaced under its lock (:mod:`strategy.locking`): exit 1 when another run holds
it for too long or the register cannot be written (a Polish line naming the folder).
"""
from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

from ..errors import UnitError
from ..locking import LockError, hold
from ..terc import LOCAL_DIR, compare, history_rows, install, read_terc
from ..units import default_registry
from ..writing import write_error

_SHOWN = 30
#: Unit names longer than this are warned about (the longest official name has under 40 characters).
LONG_NAME = 100


def register(sub) -> None:
    p = sub.add_parser(
        "jednostki", help="wczytaj nowszy rejestr jednostek TERC (plik z eTERYT)",
        description="Sprawdza plik rejestru TERC pobrany z eTERYT (TERC urzędowy), wypisuje "
                    "zmiany względem rejestru w użyciu i zapisuje go w projekcie "
                    f"({LOCAL_DIR}/); od tej chwili wszystkie polecenia używają tego rejestru.")
    p.add_argument("path", metavar="PLIK", type=Path, help="plik TERC (CSV, separator ;)")
    p.add_argument("--sprawdz", action="store_true",
                   help="tylko sprawdź plik i pokaż zmiany, niczego nie zapisuj")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    new = read_terc(args.path)          # UnitError -> "BŁĄD: ..." and exit 2 (cli.run_args)
    for line in name_warnings(new, args.path):
        print(f"UWAGA: {line}")
    if args.sprawdz:
        return _compare_and_install(args, new)
    try:  # the register in use is read, compared and replaced under its lock
        with hold(LOCAL_DIR, "strategy jednostki", what="rejestr jednostek"):
            return _compare_and_install(args, new)
    except LockError as exc:
        print(f"BŁĄD: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"BŁĄD: {write_error(exc, LOCAL_DIR, 'rejestru jednostek w folderze')}; rejestr "
              "w użyciu pozostał bez zmian", file=sys.stderr)
        return 1


def name_warnings(frame, path) -> list[str]:
    """Return one warning per unit name with control characters (a line break, a tab) or longer
    than :data:`LONG_NAME` characters: such names are kept as given, but file and folder names
    made from them are cut (the unit code stays in them)."""
    out = []
    for code, name in zip(frame["teryt"], frame["name"]):
        name = str(name)
        bad = sorted({f"U+{ord(c):04X}" for c in name if unicodedata.category(c) == "Cc"})
        shown = " ".join(name.split())
        shown = shown if len(shown) <= 60 else shown[:59] + "…"
        if bad:
            out.append(f"{path}: jednostka {code} („{shown}”) ma w nazwie znaki sterujące "
                       f"({', '.join(bad)}, np. koniec wiersza) - sprawdź plik; w dokumentach "
                       "nazwa będzie wyglądać inaczej niż w rejestrze GUS")
        if len(name) > LONG_NAME:
            out.append(f"{path}: jednostka {code} ma nazwę dłuższą niż {LONG_NAME} znaków "
                       f"({len(name)}: „{shown}”) - sprawdź plik; nazwy plików i folderów tej "
                       "jednostki zostaną skrócone")
    return out


def _compare_and_install(args: argparse.Namespace, new) -> int:
    types = set(new["gmina_type"])
    if "4" in types and "3" not in types:
        raise UnitError(f"plik {args.path} to wersja adresowa rejestru TERC (nie ma w niej "
                        "wierszy gmin miejsko-wiejskich, tylko ich części: miasto i obszar "
                        "wiejski); pobierz z eTERYT wersję urzędową (\"TERC urzędowy\") i wczytaj "
                        "ją; niczego nie zmieniono")
    registry = default_registry()
    current = registry.frame()
    # the units of the register in use, not the old codes its history keeps (1211032)
    current = current[current["name_extra"].notna() & (current["name_extra"] != "")
                      & (current["successor"].isna() | (current["successor"] == ""))]
    new_as_of = str(new["as_of"].iloc[0])
    if registry.as_of and new_as_of and new_as_of < registry.as_of:
        raise UnitError(f"plik {args.path} to rejestr ze stanem na {new_as_of}, starszy niż "
                        f"rejestr w użyciu ({registry.as_of}, {registry.source}); niczego nie "
                        "zmieniono")
    old = current.assign(city_rights=current["city_rights"].map(lambda v: "1" if v else ""))
    changes = compare(old, new)
    kinds = new["kind"].value_counts()
    gminas = int(new[(new["kind"] == "gmina") & new["gmina_type"].isin(["1", "2", "3"])].shape[0])
    lines = [f"Rejestr TERC ze stanem na {new_as_of}: {kinds.get('wojewodztwo', 0)} województw, "
             f"{kinds.get('powiat', 0)} powiatów (w tym "
             f"{int((new['city_rights'] == '1').sum())} miast na prawach powiatu), {gminas} gmin.",
             f"Zmiany względem rejestru w użyciu ({registry.as_of or '?'}, {registry.source}):"]
    if changes.empty:
        lines.append("  brak zmian")
    lines += _section("Nowe jednostki", [f"{c}  {label}" for c, label in changes.new])
    lines += _section("Zmienione nazwy", [f"{c}  {a} -> {b}" for c, a, b in changes.renamed])
    lines += _section("Zmiana rodzaju gminy (nowy kod, dane pod starym kodem przechodzą na "
                      "nowy)", [f"{a} {la} -> {b} {lb}" for a, b, la, lb in changes.retyped])
    lines += _section("Jednostki, których nie ma w nowym rejestrze",
                      [f"{c}  {label}" for c, label in changes.gone])
    if args.sprawdz:
        lines.append("Tylko sprawdzono (--sprawdz): niczego nie zapisano.")
    else:
        history = history_rows(changes, new_as_of)
        known = [c for c in history["teryt"] if c in registry and registry.get(c).successor]
        target = install(new, history[~history["teryt"].isin(known)])
        default_registry.cache_clear()
        lines.append(f"Zapisano rejestr: {target}; od teraz polecenia uruchamiane w tym folderze "
                     "projektu używają tego rejestru.")
    print("\n".join(lines))
    return 0


def _section(title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    out = [f"  {title} ({len(items)}):"]
    out += [f"    {x}" for x in items[:_SHOWN]]
    if len(items) > _SHOWN:
        out.append(f"    ... i {len(items) - _SHOWN} więcej")
    return out
