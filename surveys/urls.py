from django.urls import path

from .views import cycles, dashboard, evidence, form, respondent, review, scores

app_name = "surveys"
urlpatterns = [
    path("responses/", respondent.my_responses, name="my_responses"),
    path("responses/<uuid:public_id>/", respondent.response_detail, name="response"),
    path("responses/<uuid:public_id>/pillars/<str:pillar_code>/", form.pillar_edit, name="pillar"),
    path(
        "responses/<uuid:public_id>/pillars/<str:pillar_code>/copy-previous/",
        form.copy_previous,
        name="copy_previous",
    ),
    path("responses/<uuid:public_id>/answers/<str:question_code>/", form.answer_autosave, name="autosave"),
    path(
        "responses/<uuid:public_id>/answers/<str:question_code>/history/",
        form.answer_history,
        name="answer_history",
    ),
    path(
        "responses/<uuid:public_id>/answers/<str:question_code>/evidence/",
        evidence.evidence_upload,
        name="evidence_upload",
    ),
    path("responses/<uuid:public_id>/check/", form.response_check, name="check"),
    path("responses/<uuid:public_id>/full/", form.response_full, name="full"),
    path("evidence/<uuid:public_id>/", evidence.evidence_download, name="evidence"),
    path("evidence/<uuid:public_id>/remove/", evidence.evidence_remove, name="evidence_remove"),
    path("session/keepalive/", form.session_keepalive, name="keepalive"),
    path("responses/<uuid:public_id>/actions/<slug:action>/", respondent.response_action, name="action"),
    path("responses/<uuid:public_id>/score/", scores.score_card, name="score_card"),
    path("review/", review.review_list, name="review"),
    path("cycles/<int:year>/", cycles.cycle_detail, name="cycle"),
    path("cycles/<int:year>/dashboard/", dashboard.cycle_dashboard, name="dashboard"),
    path("cycles/<int:year>/dashboard/agencies/", dashboard.dashboard_agencies, name="dashboard_agencies"),
    path("questionnaires/<slug:code>/", cycles.questionnaire_detail, name="questionnaire"),
    path("questionnaires/<slug:code>/scoring/", scores.rescore, name="rescore"),
    path("questionnaires/<slug:code>/scoring/start/", scores.rescore_start, name="rescore_start"),
    path("questionnaires/<slug:code>/scoring/progress/", scores.rescore_progress, name="rescore_progress"),
]
