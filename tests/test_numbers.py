"""Polish/GUS number notation and statistical symbols (strategy.ingest.numbers)."""
import math

import pytest
from hypothesis import given, settings, strategies as st

from strategy.ingest.numbers import is_number, parse_number, parse_symbol
from strategy.store import FLAG_NO_DATA, FLAG_NOT_APPLICABLE


@pytest.mark.parametrize("text, expected", [
    ("12,5", 12.5),
    ("0", 0.0),
    ("1234", 1234.0),
    ("1 234", 1234.0),
    ("1 234 567,89", 1234567.89),
    ("1\u00a0234\u00a0567,89", 1234567.89),
    ("1\u202f234,5", 1234.5),
    ("1.234.567,5", 1234567.5),
    ("1.234,5", 1234.5),
    ("1.234.567", 1234567.0),
    ("-3", -3.0),
    ("\u221212,5", -12.5),
    ("- 4", -4.0),
    ("104,5%", 104.5),
    ("12,5 %", 12.5),
    ("  7  ", 7.0),
    ("\u00a07,25\u00a0", 7.25),
    ("1,234", 1.234),      # comma is always the decimal separator
    ("12.5", 12.5),        # a dot that cannot group thousands is a decimal point
    ("0.125", 0.125),
    ("1234.567", 1234.567),
])
def test_accepted_notation(text, expected):
    assert parse_number(text) == pytest.approx(expected, rel=1e-12, abs=0)


@pytest.mark.parametrize("text, fragment", [
    ("12,a", "nie jest liczbą"),
    ("1,2,3", "więcej niż jeden przecinek"),
    ("1 23,4", "źle pogrupowane"),
    ("12 34", "źle pogrupowane"),
    ("1.234", "kropka"),
    ("", "pusta"),
    ("   ", "pusta"),
    ("abc", "nie jest liczbą"),
    ("1e5", "nie jest liczbą"),
    ("1,5E+03", "nie jest liczbą"),
    ("inf", "nie jest liczbą"),
    ("nan", "nie jest liczbą"),
    ("--5", "nie jest liczbą"),
    ("-", "nie jest liczbą"),
    ("%", "nie jest liczbą"),
    ("1,234.5", "nie jest liczbą"),
    ("12,", "nie jest liczbą"),
    (",5", "nie jest liczbą"),
])
def test_rejected_with_polish_message(text, fragment):
    with pytest.raises(ValueError) as exc:
        parse_number(text)
    assert fragment in str(exc.value)


def test_message_quotes_the_text():
    with pytest.raises(ValueError, match="'12,a' nie jest liczbą"):
        parse_number("12,a")


def test_none_is_rejected():
    with pytest.raises(ValueError):
        parse_number(None)


@pytest.mark.parametrize("text, flag", [
    ("-", FLAG_NO_DATA), (".", FLAG_NO_DATA), ("–", FLAG_NO_DATA), (" - ", FLAG_NO_DATA),
    ("x", FLAG_NOT_APPLICABLE), ("X", FLAG_NOT_APPLICABLE),
])
def test_symbols(text, flag):
    assert parse_symbol(text) == flag


@pytest.mark.parametrize("text", ["0", "12", "", None, "brak", "xx", "0,0"])
def test_not_symbols(text):
    assert parse_symbol(text) is None


def test_zero_is_a_value_not_a_flag():
    # GUS "0" = less than half the unit: a value rounded to zero
    assert parse_symbol("0") is None
    assert parse_number("0") == 0.0


# --- property-based ---------------------------------------------------------------------------

def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return sep.join(parts)


def _format(n: int, frac: str, sep: str, minus: str) -> str:
    body = _group(str(abs(n)), sep) if sep else str(abs(n))
    if frac:
        body += "," + frac
    return (minus if n < 0 else "") + body


SEPARATORS = ["", " ", "\u00a0", "\u202f", "."]


@settings(max_examples=300, deadline=None)
@given(n=st.integers(min_value=-10**12, max_value=10**12),
       frac=st.text(alphabet="0123456789", min_size=0, max_size=4),
       sep=st.sampled_from(SEPARATORS),
       minus=st.sampled_from(["-", "\u2212"]),
       percent=st.booleans())
def test_roundtrip_formatted_numbers(n, frac, sep, minus, percent):
    text = _format(n, frac, sep, minus) + ("%" if percent else "")
    expected = abs(n) + (int(frac) / 10 ** len(frac) if frac else 0)
    expected = -expected if n < 0 else expected
    body = text.lstrip("-\u2212")
    ambiguous = sep == "." and not frac and body.count(".") == 1
    if ambiguous:
        with pytest.raises(ValueError):
            parse_number(text)
    else:
        assert parse_number(text) == pytest.approx(expected, rel=1e-12, abs=1e-12)


@settings(max_examples=200, deadline=None)
@given(x=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False),
       sep=st.sampled_from([" ", "\u00a0", "\u202f"]))
def test_roundtrip_floats_polish_style(x, sep):
    # the way a Polish spreadsheet shows a float: 2 decimals, comma, grouped thousands
    whole, frac = f"{abs(x):.2f}".split(".")
    text = ("-" if x < 0 else "") + _group(whole, sep) + "," + frac
    assert parse_number(text) == pytest.approx(round(abs(x), 2) * (1 if x >= 0 else -1),
                                               rel=1e-12, abs=1e-9)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789,. -\u2212\u00a0\u202f%xeE+a\t")),
               max_size=15) | st.text(max_size=15))
def test_junk_never_crashes_with_anything_but_valueerror(text):
    try:
        v = parse_number(text)
    except ValueError as exc:
        assert str(exc)
    else:
        assert isinstance(v, float) and math.isfinite(v)
        assert is_number(text)


@pytest.mark.parametrize("text, expected", [("1.234", 1.234), ("0.5", 0.5), ("-2.75", -2.75),
                                            ("12,5", 12.5), ("1 234,5", 1234.5)])
def test_decimal_point_mode_for_program_written_files(text, expected):
    assert parse_number(text, decimal_point=True) == pytest.approx(expected)


def test_decimal_point_mode_still_rejects_junk():
    for text in ("1.2.3,4,5", "12,a", "1 23,4"):
        with pytest.raises(ValueError):
            parse_number(text, decimal_point=True)
