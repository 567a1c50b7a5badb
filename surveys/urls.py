from django.urls import path

from .views import audit, benchmark, cycles, dashboard, evidence, exports, form, respondent, review, scores

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
    path("evidence/<uuid:public_id>/preview/", evidence.evidence_preview, name="evidence_preview"),
    path("evidence/<uuid:public_id>/review/", review.review_evidence, name="review_evidence"),
    path("session/keepalive/", form.session_keepalive, name="keepalive"),
    path("responses/<uuid:public_id>/actions/<slug:action>/", respondent.response_action, name="action"),
    path("responses/<uuid:public_id>/score/", scores.score_card, name="score_card"),
    path("responses/<uuid:public_id>/benchmark/", benchmark.benchmark, name="benchmark"),
    path("responses/<uuid:public_id>/audit/", audit.audit_response, name="audit_response"),
    path("review/", review.review_list, name="review"),
    path("review/<uuid:public_id>/", review.review_response, name="review_response"),
    path("review/<uuid:public_id>/actions/<slug:action>/", review.review_action, name="review_action"),
    path(
        "review/<uuid:public_id>/questions/<str:question_code>/adjust/",
        review.review_adjust,
        name="review_adjust",
    ),
    path(
        "review/<uuid:public_id>/questions/<str:question_code>/comment/",
        review.review_comment,
        name="review_comment",
    ),
    path("people/<int:user_id>/audit/", audit.audit_user, name="audit_user"),
    path("exports/", exports.export_list, name="exports"),
    path("exports/start/", exports.export_start, name="export_start"),
    path("exports/<uuid:public_id>/", exports.export_job, name="export_job"),
    path("exports/<uuid:public_id>/download/", exports.export_download, name="export_download"),
    path("cycles/<int:year>/", cycles.cycle_detail, name="cycle"),
    path("cycles/<int:year>/dashboard/", dashboard.cycle_dashboard, name="dashboard"),
    path("cycles/<int:year>/dashboard/agencies/", dashboard.dashboard_agencies, name="dashboard_agencies"),
    path("questionnaires/<slug:code>/", cycles.questionnaire_detail, name="questionnaire"),
    path("questionnaires/<slug:code>/scoring/", scores.rescore, name="rescore"),
    path("questionnaires/<slug:code>/scoring/start/", scores.rescore_start, name="rescore_start"),
    path("questionnaires/<slug:code>/scoring/progress/", scores.rescore_progress, name="rescore_progress"),
]
