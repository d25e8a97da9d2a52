"""``strategy template PLIK.xlsx [--powiat KOD] [--lata 2022-2024] [--csv]``: a blank input template.

In: the target path, a powiat code, a span of years. Out: the XLSX (or, with ``--csv``, the CSV)
template written atomically by :mod:`strategy.ingest.template` (with the mode the umask gives),
and a Polish summary line; a write the file system refuses is one Polish line and exit 1.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..errors import InputError, UnitError
from ..ingest.template import default_years, write_template, write_template_csv
from ..units import IMPORT_HINT, default_registry, kind_of, normalize_code
from ..writing import write_error

DEFAULT_POWIAT = "3007"


def parse_years(text: str) -> range:
    """Return the years of ``"2022-2024"`` (or a single ``"2024"``) as a range."""
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–]\s*(\d{4}))?\s*", text or "")
    if not m:
        raise InputError(f"'{text}' nie jest zakresem lat (oczekiwano np. 2022-2024)")
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    if last < first:
        raise InputError(f"'{text}': rok końcowy jest wcześniejszy niż początkowy")
    if last - first > 30:
        raise InputError(f"'{text}': zakres lat jest zbyt długi (najwyżej 31 lat)")
    return range(first, last + 1)


def powiat_code(text: str) -> str:
    """Return the powiat code of ``--powiat``; raise UnitError (Polish) naming what is wrong."""
    code = normalize_code(text)
    if len(code) == 3 and code.isdigit():
        raise UnitError(f"--powiat '{text}': kod powiatu ma 4 cyfry - zapewne chodzi o 0{code} "
                        "(zero na początku jest częścią kodu)")
    if len(code) != 4 or kind_of(code) != "powiat":
        raise UnitError(f"--powiat '{text}' nie jest kodem powiatu (4 cyfry, np. 0607 lub 3007)")
    registry = default_registry()
    if code not in registry:
        raise UnitError(f"powiat {code} nie występuje w rejestrze TERC (stan na "
                        f"{registry.as_of}); {IMPORT_HINT}")
    return code


def register(sub) -> None:
    p = sub.add_parser(
        "template", help="zapisz pusty szablon danych (XLSX lub CSV) dla gmin powiatu",
        description="Zapisuje pusty szablon danych, których nie ma w GUS BDL, dla gmin powiatu.")
    p.add_argument("path", metavar="PLIK", type=Path, help="plik wynikowy (.xlsx lub .csv)")
    p.add_argument("--powiat", default=DEFAULT_POWIAT, metavar="KOD",
                   help=f"kod TERC powiatu, 4 cyfry (domyślnie {DEFAULT_POWIAT})")
    p.add_argument("--lata", metavar="OD-DO", default=None,
                   help="lata w szablonie, np. 2022-2024 (domyślnie trzy ostatnie pełne lata)")
    p.add_argument("--csv", action="store_true", help="zapisz szablon CSV zamiast XLSX")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    years = parse_years(args.lata) if args.lata else default_years()
    powiat = powiat_code(args.powiat)
    as_csv = args.csv or args.path.suffix.lower() == ".csv"
    try:
        if as_csv:
            path = write_template_csv(args.path, powiat, years=years)
        else:
            path = write_template(args.path, powiat, years=years)
    except OSError as exc:  # a full disk, no permission, a read-only medium, a name too long
        print(f"BŁĄD: {write_error(exc, args.path, 'szablonu')}; szablonu nie zapisano.",
              file=sys.stderr)
        return 1
    kind = "CSV" if as_csv else "XLSX"
    print(f"Zapisano szablon {kind}: {path} (powiat {powiat}, lata {years[0]}–{years[-1]})")
    return 0
