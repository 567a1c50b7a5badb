"""The session engine: Django's database sessions, each row tagged with its user."""

from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        # By name: agencies.models imports this module for UserSession.get_session_store_class.
        return apps.get_model("agencies", "UserSession")

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        try:
            instance.user_id = int(data.get("_auth_user_id"))
        except (TypeError, ValueError):
            instance.user_id = None
        return instance
