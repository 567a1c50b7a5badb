"""The error every awards use case raises when a step is refused, with a code for the page."""

from __future__ import annotations


class AwardsError(Exception):
    """A refused step; `code` says which rule refused it."""

    def __init__(self, code: str, message: str = "") -> None:
        self.code = code
        super().__init__(message or code)
