"""The session engine: Django's database sessions, each row tagged with its user."""

from typing import Any

from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.base_session import AbstractBaseSession


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls) -> type[AbstractBaseSession]:
        # By name: agencies.models imports this module for UserSession.get_session_store_class.
        return apps.get_model("agencies", "UserSession")

    def create_model_instance(self, data: dict[str, Any]) -> AbstractBaseSession:
        instance = super().create_model_instance(data)
        try:
            user_id: int | None = int(data["_auth_user_id"])
        except (KeyError, TypeError, ValueError):
            user_id = None
        # A UserSession (see get_model_class), which mypy cannot see through the by-name lookup.
        instance.user_id = user_id  # type: ignore[attr-defined]
        return instance
