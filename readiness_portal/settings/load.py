"""Load and fault runs (`make load`): production behaviour over plain HTTP on loopback.

As production: DEBUG off, the real password hasher, a real broker, compressed static files.
Unlike production: no HTTPS (loopback), and the task queue may be named per run.
"""

from readiness_portal.settings.base import *  # noqa: F403
from readiness_portal.settings.env import env_str

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
