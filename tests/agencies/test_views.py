"""The agency list page: Thai dictionary order, found by abbreviation, DGA only."""

from django.urls import reverse

from tests.factories import AgencyFactory


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
