"""Page links keep the page's filters, and a hostile filter value stays inside the link."""

from django.urls import reverse

from tests.factories import AgencyFactory

PAYLOAD = '"><script>alert(1)</script>'


def test_page_links_keep_the_filters_and_escape_them(client, dana):
    AgencyFactory.create_batch(55, name_th="กรมทดสอบ")
    client.force_login(dana)
    body = client.get(reverse("agencies:list"), {"q": "กรมทดสอบ", "note": PAYLOAD}).content.decode()
    assert "page=2" in body  # the page links are drawn, carrying the extra parameter
    assert PAYLOAD not in body
    assert "note=%22%3E%3Cscript%3E" in body
    body = client.get(reverse("agencies:list"), {"q": "กรมทดสอบ"}).content.decode()
    assert "?q=%E0%B8%81%E0%B8%A3%E0%B8%A1%E0%B8%97%E0%B8%94%E0%B8%AA%E0%B8%AD%E0%B8%9A&page=2" in body
