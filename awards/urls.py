from django.urls import path

from awards import views

app_name = "awards"
urlpatterns = [
    path("", views.index, name="index"),
    path("results/", views.results, name="results"),
    path("<slug:awards>/rank/", views.rank_now, name="rank"),
    path("<slug:awards>/<slug:category>/", views.ranking, name="ranking"),
    path("<slug:awards>/<slug:category>/agencies/<str:agency>/", views.entry, name="entry"),
    path("<slug:awards>/<slug:category>/panel/", views.panel, name="panel"),
    path("<slug:awards>/<slug:category>/panel/<str:agency>/", views.panel_score, name="panel_score"),
    path("<slug:awards>/<slug:category>/close-panel/", views.close_panel, name="close_panel"),
    path("<slug:awards>/<slug:category>/publish/", views.publish, name="publish"),
    path("<slug:awards>/<slug:category>/export.<str:fmt>", views.export, name="export"),
]
