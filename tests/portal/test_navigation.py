"""The main navigation: its links are drawn once per language, roles and cycle in a process
(readiness_portal.templatetags.navigation), so each person must still see their own."""

from django.urls import reverse

from readiness_portal.templatetags.navigation import _links


def _nav(client, person, language="th"):
    client.force_login(person)
    client.cookies["django_language"] = language
    page = client.get(reverse("surveys:my_responses"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return page[page.index("<nav") : page.index("</nav>")]


def test_an_officer_after_a_dga_admin_sees_the_officers_links_only(client, dana, alice):
    assert reverse("surveys:exports") in _nav(client, dana)
    officer = _nav(client, alice)
    assert reverse("surveys:my_responses") in officer
    assert reverse("surveys:exports") not in officer and reverse("admin:index") not in officer


def test_a_second_officer_shares_the_drawn_links_but_sees_their_own_name(client, alice, charlie):
    _nav(client, alice)
    drawn = _links.cache_info()
    theirs = _nav(client, charlie)
    assert _links.cache_info().hits == drawn.hits + 1 and _links.cache_info().misses == drawn.misses
    assert "Charlie" in theirs and "Alice" not in theirs


def test_the_links_follow_the_language(client, alice):
    assert "My agency's survey" in _nav(client, alice, "en")
    assert "My agency's survey" not in _nav(client, alice, "th")


def test_an_address_without_arguments_is_the_one_django_reverses():
    from django.template import Context, Template

    drawn = Template("{% load navigation %}{% fixed_url 'surveys:inbox' %}|{% fixed_url 'login' %}")
    assert drawn.render(Context()) == f"{reverse('surveys:inbox')}|{reverse('login')}"
