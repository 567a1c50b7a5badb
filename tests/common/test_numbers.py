"""Typed numbers: parsed at a bounded cost, refused when too long or too large."""

import pytest

from common.numbers import NumberTooLarge, is_safe_number, number_json, parse_number


@pytest.mark.parametrize("text", ["1e1000000", "9" * 41, "1e99999", "NaN", "Infinity", "١٢٣", "1_000", ""])
def test_a_number_too_long_or_not_plain_is_refused(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize("text", ["1e15", "-1e15", "1000000000000000", "1e309"])
def test_a_number_of_fifteen_digits_or_more_is_too_large(text):
    with pytest.raises(NumberTooLarge):
        parse_number(text)


def test_a_plain_number_is_stored_as_int_when_whole_and_float_otherwise():
    assert number_json(parse_number(" 42 ")) == 42
    assert number_json(parse_number("2.5e3")) == 2500
    assert number_json(parse_number("-0.25")) == -0.25


@pytest.mark.parametrize("value", [10**400, float("inf"), float("nan"), 1e300, True, "5"])
def test_a_stored_value_out_of_range_is_not_a_safe_number(value):
    assert not is_safe_number(value)
