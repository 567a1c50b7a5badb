"""The session rows: Django's database sessions, each tagged with its user (agencies.sessions)."""

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession, BaseSessionManager
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from agencies.sessions import SessionStore, forget_cached


class UserSessionQuerySet(models.QuerySet):
    def delete(self) -> tuple[int, dict[str, int]]:
        """Ended sessions leave the sessions' cache too (agencies.cached_sessions reads it before
        the rows), now and once the deletion commits (a request in between may cache one again)."""
        keys = list(self.values_list("session_key", flat=True))
        deleted = super().delete()
        forget_cached(keys)
        transaction.on_commit(lambda: forget_cached(keys))
        return deleted


UserSessionManager = BaseSessionManager.from_queryset(UserSessionQuerySet)


class UserSession(AbstractBaseSession):
    """A session row that knows its user, so deactivating someone can end their sessions.

    Django's documented way to extend the database session engine (see `agencies.sessions`).
    """

    objects: ClassVar[BaseSessionManager] = UserSessionManager()

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        null=True,
        related_name="sessions",
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.session_key

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        keys = [self.session_key]  # the primary key: None once deleted
        deleted = super().delete(*args, **kwargs)
        forget_cached(keys)
        transaction.on_commit(lambda: forget_cached(keys))
        return deleted

    @classmethod
    def get_session_store_class(cls):
        return SessionStore
