"""Categories edited in the Django admin go through the import's validation."""

from django.urls import reverse


def test_the_admin_refuses_a_basis_the_questionnaire_does_not_have(admin_client, top):
    url = reverse("admin:awards_category_change", args=[top.pk])
    assert admin_client.get(url).status_code == 200
    data = {
        "awards": top.awards_id, "code": top.code, "position": 0, "title_th": top.title_th, "title_en": "",
        "description_th": "", "description_en": "", "basis": "pillar", "node": "P9", "eligibility": "{}",
        "precision": 2, "winners": 3, "compare_to": "", "rubric": "[]", "shortlist": "[]",
    }  # fmt: skip
    response = admin_client.post(url, data)
    assert "&#x27;P9&#x27; is not in the questionnaire" in response.content.decode()
    top.refresh_from_db()
    assert (top.basis, top.winners) == ("total", 2)


def test_the_admin_saves_a_valid_change(admin_client, top):
    url = reverse("admin:awards_category_change", args=[top.pk])
    data = {
        "awards": top.awards_id, "code": top.code, "position": 0, "title_th": top.title_th, "title_en": "",
        "description_th": "", "description_en": "", "basis": "pillar", "node": "P3",
        "eligibility": '{"min_total": 0.5}', "precision": 2, "winners": 3, "compare_to": "", "rubric": "[]",
        "shortlist": "[]",
    }  # fmt: skip
    assert admin_client.post(url, data).status_code == 302
    top.refresh_from_db()
    assert (top.basis, top.node, top.eligibility) == (
        "pillar",
        "P3",
        {"statuses": ["accepted"], "min_total": 0.5},
    )
