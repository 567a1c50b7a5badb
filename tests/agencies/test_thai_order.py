"""Thai dictionary order: a leading vowel sorts by the consonant after it."""

from django.urls import reverse

from common.collation import thai_sorted
from tests.factories import AgencyFactory


def test_leading_vowels_do_not_sort_first():
    names = ["โรงพยาบาล", "เกษตร", "กรม", "ไปรษณีย์", "ขนส่ง", "แรงงาน", "ใบอนุญาต", "สำนักงาน"]
    # Sorted by consonant first; for the same consonant, by vowel (... เ แ โ ใ ไ).
    expected = ["กรม", "เกษตร", "ขนส่ง", "ใบอนุญาต", "ไปรษณีย์", "แรงงาน", "โรงพยาบาล", "สำนักงาน"]
    assert thai_sorted(names) == expected


def test_the_agency_list_is_in_thai_dictionary_order(client, dana):
    for name in ["กรมโรงงานอุตสาหกรรม", "สำนักงานเศรษฐกิจการเกษตร", "กรมการข้าว", "โรงพิมพ์ตำรวจ", "เกษตรจังหวัด"]:
        AgencyFactory(name_th=name)
    client.force_login(dana)
    body = client.get(reverse("agencies:list")).content.decode()
    positions = [
        body.index(n)
        for n in ["กรมการข้าว", "กรมโรงงานอุตสาหกรรม", "เกษตรจังหวัด", "โรงพิมพ์ตำรวจ", "สำนักงานเศรษฐกิจการเกษตร"]
    ]
    assert positions == sorted(positions)


def test_the_agency_list_finds_by_thai_abbreviation(client, dana, agency_a, agency_b):
    client.force_login(dana)
    body = client.get(reverse("agencies:list"), {"q": "ส.ป.ก."}).content.decode()
    assert f'data-code="{agency_a.code}"' in body
    assert f'data-code="{agency_b.code}"' not in body


def test_officers_cannot_list_agencies(client, alice):
    client.force_login(alice)
    assert client.get(reverse("agencies:list")).status_code == 403
