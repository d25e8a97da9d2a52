"""The executive organ of a gmina by its type: wójt, burmistrz or prezydent miasta.

In: the TERC type digit of a gmina (the 7th digit of its code: 1 gmina miejska, 2 gmina wiejska,
3 gmina miejsko-wiejska, 4 and 5 the town and the rural area of an urban-rural gmina) and
whether the unit is a city with powiat rights (miasto na prawach powiatu), or a 7-digit TERC
code from which both follow (powiat codes 61 and above are cities with powiat rights).
Out: the organ in the nominative and genitive ("wójt"/"wójta", "burmistrz"/"burmistrza",
"prezydent miasta"/"prezydenta miasta").

Rule (ustawa o samorządzie gminnym, art. 26): the organ of a rural gmina is the wójt, of an
urban or urban-rural gmina the burmistrz, and of a city with powiat rights the prezydent miasta.
(A few towns without powiat rights keep a prezydent under art. 26 ust. 3; this needs the
unit's own entry and is not derived here.)
"""
from __future__ import annotations

from .grammar import TextError

WOJT, BURMISTRZ, PREZYDENT = "wójt", "burmistrz", "prezydent miasta"
_GENITIVE = {WOJT: "wójta", BURMISTRZ: "burmistrza", PREZYDENT: "prezydenta miasta"}
_BY_TYPE = {"1": BURMISTRZ, "2": WOJT, "3": BURMISTRZ, "4": BURMISTRZ, "5": BURMISTRZ}


def gmina_organ(type_digit, city_with_powiat_rights: bool = False, case: str = "nom") -> str:
    """Return the organ of a gmina of TERC type ``type_digit`` ('1'..'5')."""
    t = str(type_digit).strip()
    if t not in _BY_TYPE:
        raise TextError(f"nieznany rodzaj gminy w kodzie TERC: '{t}' (dozwolone: 1-5)")
    if city_with_powiat_rights and t != "1":
        raise TextError(f"miasto na prawach powiatu jest gminą miejską (rodzaj 1), "
                        f"a podano rodzaj {t}")
    organ = PREZYDENT if city_with_powiat_rights else _BY_TYPE[t]
    if case == "nom":
        return organ
    if case == "gen":
        return _GENITIVE[organ]
    raise TextError(f"nieobsługiwany przypadek '{case}' (dozwolone: nom, gen)")


def organ_of(teryt: str, case: str = "nom") -> str:
    """Return the organ of the gmina with the 7-digit TERC code ``teryt``."""
    code = str(teryt).strip()
    if len(code) != 7 or not code.isdigit():
        raise TextError(f"kod TERC gminy '{code}' powinien mieć 7 cyfr")
    return gmina_organ(code[6], int(code[2:4]) >= 61, case=case)
