"""Local development: DEBUG on by default, SQLite and in-process tasks unless configured."""

from readiness_portal.settings.base import *  # noqa: F403
from readiness_portal.settings.env import env_bool

DEBUG = env_bool("DEBUG", True)
