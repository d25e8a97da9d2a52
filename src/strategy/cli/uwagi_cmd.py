"""``strategy uwagi KATALOG [--rejestr PLIK.xlsx] [--csv PLIK.csv]``: returned drafts -> register.

In: a folder with the files the gminas sent back (every entry in it, hidden names included, is
read or listed as refused or skipped with the reason; the counts add up to the number of entries
in the folder). Out: the register of remarks updated (responses already typed in it are kept,
new remarks added at the end), its CSV copy, the consultation report
(``raport_z_konsultacji.docx`` next to the register) and a Polish summary; exit 0 when the run
worked (even if some files were refused), 2 on unusable arguments or an unreadable register,
1 when a file cannot be written (a Polish line naming it; the old file stays) or the register is
locked by another run for too long (the register is read, updated and written under its lock,
:mod:`strategy.locking`).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

from ..consultation import collect_folder, update_register
from ..consultation.report_docx import (
    REPORT_NAME,
    build_consultation_report,
    drafts_are_demo,
)
from ..locking import LockError, hold, lock_path
from ..writing import write_error

DEFAULT_REGISTER = "rejestr_uwag.xlsx"
_KIND_LABELS = {"komentarz": "komentarze", "zmiana": "zmiany w tekście", "formularz": "formularz uwag"}


def register(sub) -> None:
    p = sub.add_parser(
        "uwagi", help="zbierz uwagi gmin ze zwróconych plików Word do rejestru uwag",
        description="Czyta pliki .docx odesłane przez gminy (komentarze, śledzone zmiany, "
                    "formularz uwag) i dopisuje nowe uwagi do rejestru XLSX. Odpowiedzi wpisane "
                    "już w rejestrze (Stanowisko, Uzasadnienie stanowiska) są zachowywane.")
    p.add_argument("folder", metavar="KATALOG", type=Path, help="folder ze zwróconymi plikami")
    p.add_argument("--rejestr", metavar="PLIK.xlsx", type=Path, default=None,
                   help=f"plik rejestru uwag (domyślnie KATALOG/{DEFAULT_REGISTER})")
    p.add_argument("--csv", metavar="PLIK.csv", type=Path, default=None,
                   help="kopia rejestru w CSV (domyślnie obok rejestru, z rozszerzeniem .csv)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    folder: Path = args.folder
    if not folder.is_dir():
        print(f"BŁĄD: {folder} nie jest folderem (podaj folder ze zwróconymi plikami)",
              file=sys.stderr)
        return 2
    xlsx = args.rejestr or folder / DEFAULT_REGISTER
    if xlsx.suffix.lower() != ".xlsx":
        print(f"BŁĄD: rejestr uwag musi być plikiem .xlsx, a podano {xlsx}", file=sys.stderr)
        return 2
    csv = args.csv or xlsx.with_suffix(".csv")
    backup = xlsx.with_name(f"{xlsx.stem}.kopia{xlsx.suffix}")
    report = xlsx.with_name(REPORT_NAME)
    entries = sum(1 for _ in folder.iterdir())
    remarks, log = collect_folder(folder, exclude=[xlsx, csv, backup, report,
                                                   lock_path(xlsx)])
    written = xlsx
    try:  # the register is read, merged and written under its lock: no remark of a run at the
        # same time is lost
        with hold(xlsx, "strategy uwagi", what="rejestr uwag"):
            result = update_register(remarks, xlsx, csv)
            print(summary(folder, remarks, log, result, entries))
            if result.total:
                written = report
                demo = drafts_are_demo(folder / e.file for e in log if e.status == "wczytano")
                build_consultation_report(xlsx, report, date=dt.date.today(), demo=demo)
                print(f"Raport z konsultacji: {report}")
            else:
                print("Raportu z konsultacji nie utworzono: rejestr uwag jest pusty.")
    except LockError as exc:
        print(f"BŁĄD: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        what = "raportu z konsultacji" if written == report else "rejestru uwag"
        print(f"BŁĄD: {write_error(exc, written, what)}. Poprzednia wersja pliku pozostała bez "
              "zmian.", file=sys.stderr)
        return 1
    return 0


def summary(folder: Path, remarks, log, result, entries: int | None = None) -> str:
    """Return the Polish summary of a run; ``entries`` is the number of entries in the folder."""
    status = Counter(e.status for e in log)
    lines = [f"Folder: {folder}"]
    if entries is not None:
        lines.append(f"Plików w folderze: {entries}")
    lines += [f"Pliki przeczytane: {status['wczytano']}, odrzucone: {status['odrzucono']}, "
              f"pominięte: {status['pominięto']}",
              f"Uwagi znalezione w plikach: {len(remarks)}"]
    kinds = Counter(r.kind for r in remarks)
    if remarks:
        lines.append("Według rodzaju: " + ", ".join(
            f"{label} {kinds[k]}" for k, label in _KIND_LABELS.items() if kinds[k]))
        lines.append("Według gmin:")
        by_gmina = Counter((r.gmina or "gmina nieustalona", r.teryt) for r in remarks)
        for (name, code), n in sorted(by_gmina.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            lines.append(f"  {name}{f' ({code})' if code else ''}: {n}")
    refused = [e for e in log if e.status in ("odrzucono", "pominięto")]
    if refused:
        lines.append("Pliki nieprzeczytane:")
        lines += [f"  - {e.file}: {e.message}" for e in refused]
    notes = [e for e in log if e.status == "uwaga"]
    if notes:
        lines.append("Uwagi do plików:")
        lines += [f"  - {e.file}: {e.message}" for e in notes]
    lines.append(f"Rejestr uwag: {result.path} (nowe wiersze: {len(result.added)}, "
                 f"wiersze z poprzednich odczytów: {result.kept}, w tym nieodnalezione teraz "
                 f"w plikach: {result.missing}; razem: {result.total})")
    if result.backup_path:
        lines.append(f"Kopia poprzedniej wersji rejestru: {result.backup_path}")
    if result.csv_path:
        lines.append(f"Kopia CSV: {result.csv_path}")
    return "\n".join(lines)
