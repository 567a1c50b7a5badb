from django.urls import path

from .views import cycles, dashboard, respondent, review

app_name = "surveys"
urlpatterns = [
    path("responses/", respondent.my_responses, name="my_responses"),
    path("responses/<uuid:public_id>/", respondent.response_detail, name="response"),
    path("responses/<uuid:public_id>/pillars/<str:pillar_code>/", respondent.pillar_edit, name="pillar"),
    path("responses/<uuid:public_id>/actions/<slug:action>/", respondent.response_action, name="action"),
    path("review/", review.review_list, name="review"),
    path("cycles/<int:year>/", cycles.cycle_detail, name="cycle"),
    path("cycles/<int:year>/dashboard/", dashboard.cycle_dashboard, name="dashboard"),
    path("cycles/<int:year>/dashboard/agencies/", dashboard.dashboard_agencies, name="dashboard_agencies"),
    path("questionnaires/<slug:code>/", cycles.questionnaire_detail, name="questionnaire"),
]
