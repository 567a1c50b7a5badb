"""The session engines: Django's database sessions, each row tagged with its user, and the same
rows read through the cache (`CachedSessionStore`, Django's cached_db) where the cache is shared
by every server process (Redis): a request then reads its session without a query."""

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDatabaseSessionStore
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core.cache import caches


class _TaggedWithUser:
    """Each row knows its user, so deactivating someone can end their sessions."""

    @classmethod
    def get_model_class(cls) -> type[AbstractBaseSession]:
        # By name: agencies.models imports this module for UserSession.get_session_store_class.
        return apps.get_model("agencies", "UserSession")

    def create_model_instance(self, data: dict[str, Any]) -> AbstractBaseSession:
        instance = super().create_model_instance(data)  # type: ignore[misc]
        try:
            user_id: int | None = int(data["_auth_user_id"])
        except (KeyError, TypeError, ValueError):
            user_id = None
        # A UserSession (see get_model_class), which mypy cannot see through the by-name lookup.
        instance.user_id = user_id
        return instance


class SessionStore(_TaggedWithUser, DatabaseSessionStore):
    pass


class CachedSessionStore(_TaggedWithUser, CachedDatabaseSessionStore):
    pass


def forget_cached(session_keys: list[str]) -> None:
    """Drop the cached copies of these sessions (their rows are being deleted)."""
    caches[settings.SESSION_CACHE_ALIAS].delete_many(
        [CachedSessionStore.cache_key_prefix + key for key in session_keys]
    )
