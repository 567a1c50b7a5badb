"""SESSION_ENGINE where the cache is shared by every server process: see agencies.sessions."""

from agencies.sessions import CachedSessionStore as SessionStore

__all__ = ["SessionStore"]
