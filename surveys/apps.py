from functools import partial

from django.apps import AppConfig
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        # Registers the app's Celery tasks: services send them by name (common/queue.py).
        from surveys import tasks  # noqa: F401

        # A stored file goes with its row, however the row goes (a service, the admin, a cascade).
        for model in self.get_models():
            if any(isinstance(f, models.FileField) for f in model._meta.get_fields()):
                post_delete.connect(_delete_files, sender=model, dispatch_uid=f"files-{model._meta.label}")


def _delete_files(sender, instance, **kwargs) -> None:
    for field in instance._meta.get_fields():
        if isinstance(field, models.FileField):
            stored = getattr(instance, field.name)
            if stored.name:
                transaction.on_commit(partial(stored.storage.delete, stored.name))
