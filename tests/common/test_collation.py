"""Thai dictionary order: a leading vowel sorts by the consonant after it."""

from common.collation import thai_sorted


def test_leading_vowels_do_not_sort_first():
    names = ["โรงพยาบาล", "เกษตร", "กรม", "ไปรษณีย์", "ขนส่ง", "แรงงาน", "ใบอนุญาต", "สำนักงาน"]
    # Sorted by consonant first; for the same consonant, by vowel (... เ แ โ ใ ไ).
    expected = ["กรม", "เกษตร", "ขนส่ง", "ใบอนุญาต", "ไปรษณีย์", "แรงงาน", "โรงพยาบาล", "สำนักงาน"]
    assert thai_sorted(names) == expected
