"""The raw long frame every reader returns, before validation turns it into the canonical frame.

Readers know file formats (encodings, layouts, mappings); they do not judge values. They return
one row per figure found, with the cell contents as text and where they were found, so that the
validator can check everything in one pass and name file, sheet, row and column for each problem.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .problems import Problem

#: Columns of the raw long frame.
RAW_COLUMNS = [
    "teryt_raw",    # the unit code exactly as in the file (text), e.g. "023011807012", "3007012"
    "name_raw",     # the unit name as in the file, if any ("Opatówek (3)"); informative only
    "year_raw",     # the year as text ("2020"); readers turn numeric cells 2020.0 into "2020"
    "indicator",    # catalogue indicator id (from the mapping file or the template's column)
    "value_raw",    # the value cell as text ("1 234,5", "-", "x", ""), None if the cell is empty
    "value_num",    # float when the source cell was already typed as a number (JSON, XLSX), else NaN
    "attr_raw",     # BDL attribute ("Atrybut" column / attrId) as text, "" if none
    "unit",         # unit of measure as declared by the file (may be ""), e.g. "osoba", "%"
    "source",       # human-readable source, e.g. "GUS BDL, zmienna 72305" or "szablon XLSX"
    "file",         # file name as the user gave it (path relative to the input root or name)
    "sheet",        # sheet name for spreadsheets, "" otherwise
    "row",          # 1-based row number as the user sees it in the file/sheet (header = 1)
    "column",       # header of the column the value came from (e.g. "Wartosc", template column)
    "teryt_column", # header of the code column ("Kod", "Kod TERC", "id")
    "year_column",  # header of the year column ("Rok", "year")
]


def empty_raw() -> pd.DataFrame:
    """Return an empty raw frame with every column."""
    return pd.DataFrame({c: pd.Series(dtype="float64" if c == "value_num" else "object")
                         for c in RAW_COLUMNS})


@dataclass
class ReadResult:
    """What a reader found in one file: figures (raw frame), file-level problems, demo mark."""

    frame: pd.DataFrame = field(default_factory=empty_raw)
    problems: list[Problem] = field(default_factory=list)
    demo: bool = False          # the file says its figures are generated (DANE DEMONSTRACYJNE)
    files: list[str] = field(default_factory=list)  # files read (for the store's metadata)
    notes: list[str] = field(default_factory=list)  # what was skipped on purpose, one line each
    #: files that may cover a larger area than the powiat (BDL exports of a voivodeship or the
    #: country): with ``--powiat`` the rows of other units are skipped, not reported
    area_files: set[str] = field(default_factory=set)

    def extend(self, other: "ReadResult") -> "ReadResult":
        frames = [f for f in (self.frame, other.frame) if len(f)]
        self.frame = pd.concat(frames, ignore_index=True) if frames else empty_raw()
        self.problems += other.problems
        self.demo = self.demo or other.demo
        self.files += other.files
        self.notes += other.notes
        self.area_files |= other.area_files
        return self
