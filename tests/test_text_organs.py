"""The organ of a gmina follows its TERC type and powiat rights."""
import pytest

from strategy.text.grammar import TextError
from strategy.text.organs import gmina_organ, organ_of


@pytest.mark.parametrize("digit, rights, want", [
    ("1", False, "burmistrz"), ("1", True, "prezydent miasta"), ("2", False, "wójt"),
    ("3", False, "burmistrz"), ("4", False, "burmistrz"), ("5", False, "burmistrz"),
])
def test_organ_by_type(digit, rights, want):
    assert gmina_organ(digit, rights) == want


def test_codes_of_the_demo_powiat_and_a_city():
    # TERC 2020 (/work/shared/data): 30;07;01;2;Blizanów;gmina wiejska,
    # 30;07;08;3;Opatówek;gmina miejsko-wiejska, 30;61;01;1;Kalisz;gmina miejska
    assert organ_of("3007012") == "wójt"
    assert organ_of("3007083") == "burmistrz"
    assert organ_of("3061011") == "prezydent miasta"  # Kalisz, miasto na prawach powiatu
    assert organ_of("3061011", case="gen") == "prezydenta miasta"
    assert organ_of("3007012", case="gen") == "wójta"


@pytest.mark.parametrize("args", [("6", False), ("2", True), ("x", False)])
def test_bad_type_is_refused_in_polish(args):
    with pytest.raises(TextError, match="rodzaj"):
        gmina_organ(*args)
