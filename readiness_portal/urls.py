from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from agencies.forms import RateLimitedPasswordResetForm
from api.v1 import api
from readiness_portal import views

admin.site.site_header = "Readiness portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=RateLimitedPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "img/favicon.svg")),
    path("", include("surveys.urls")),
    path("awards/", include("awards.urls")),
    path("agencies/", include("agencies.urls")),
    path("api/v1/", api.urls),
]

handler403 = "readiness_portal.views.error_403"
handler404 = "readiness_portal.views.error_404"
handler500 = "readiness_portal.views.error_500"
