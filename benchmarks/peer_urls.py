"""The portal's URLs and the floor's page, for `python -m benchmarks.peer` only."""

from django.urls import path

from benchmarks.peer import floor_view
from readiness_portal.urls import urlpatterns as portal

urlpatterns = [path("bench-floor/", floor_view), *portal]
