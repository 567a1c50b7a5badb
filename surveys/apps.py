from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        # Registers the app's Celery tasks: services send them by name (common/queue.py).
        from surveys import tasks  # noqa: F401
