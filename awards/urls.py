from django.urls import path

from . import views

app_name = "awards"
urlpatterns = [
    path("rankings/", views.rankings, name="rankings"),
]
