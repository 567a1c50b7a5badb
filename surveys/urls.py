from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("responses/", views.my_responses, name="my_responses"),
    path("responses/<uuid:public_id>/", views.response_detail, name="response"),
    path("responses/<uuid:public_id>/pillars/<str:pillar_code>/", views.pillar_edit, name="pillar"),
    path("responses/<uuid:public_id>/actions/<slug:action>/", views.response_action, name="action"),
    path("review/", views.review_list, name="review"),
    path("cycles/<int:year>/", views.cycle_detail, name="cycle"),
    path("questionnaires/<slug:code>/", views.questionnaire_detail, name="questionnaire"),
]
