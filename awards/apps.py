from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self) -> None:
        # Registers the app's Celery tasks: services send them by name (common/queue.py).
        from awards import tasks  # noqa: F401
