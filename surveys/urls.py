from django.urls import path

from .views import cycles, respondent, review, scores

app_name = "surveys"
urlpatterns = [
    path("responses/", respondent.my_responses, name="my_responses"),
    path("responses/<uuid:public_id>/", respondent.response_detail, name="response"),
    path("responses/<uuid:public_id>/pillars/<str:pillar_code>/", respondent.pillar_edit, name="pillar"),
    path("responses/<uuid:public_id>/actions/<slug:action>/", respondent.response_action, name="action"),
    path("responses/<uuid:public_id>/score/", scores.score_card, name="score_card"),
    path("review/", review.review_list, name="review"),
    path("cycles/<int:year>/", cycles.cycle_detail, name="cycle"),
    path("questionnaires/<slug:code>/", cycles.questionnaire_detail, name="questionnaire"),
    path("questionnaires/<slug:code>/scoring/", scores.rescore, name="rescore"),
    path("questionnaires/<slug:code>/scoring/start/", scores.rescore_start, name="rescore_start"),
    path("questionnaires/<slug:code>/scoring/progress/", scores.rescore_progress, name="rescore_progress"),
]
