"""A submission's canonical JSON and its fingerprint, without a database."""

import hashlib

from surveys.domain.receipt import canonical_json, fingerprint_of, grouped, is_fingerprint


def test_the_canonical_form_does_not_depend_on_key_order():
    assert canonical_json({"b": 1, "a": {"y": 2, "x": "ไทย"}}) == canonical_json(
        {"a": {"x": "ไทย", "y": 2}, "b": 1}
    )


def test_the_canonical_form_keeps_thai_as_utf8_without_spaces():
    assert canonical_json({"a": "ร่าง", "b": [1, 2]}) == '{"a":"ร่าง","b":[1,2]}'


def test_the_fingerprint_is_the_sha256_of_the_utf8_bytes():
    text = canonical_json({"answer": "ร่าง"})
    assert fingerprint_of(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_only_64_lowercase_hex_digits_are_a_fingerprint():
    assert is_fingerprint("a" * 64) and not is_fingerprint("A" * 64) and not is_fingerprint("a" * 63)


def test_a_fingerprint_reads_in_groups_of_eight():
    assert grouped("0123456789abcdef" * 4).split() == ["01234567", "89abcdef"] * 4
