"""Thai and English text: Thai is required, English is shown to English readers when there is
one and falls back to Thai otherwise. One rule for the registry's names, the awards' titles and
the questionnaire's texts. Pure: callers pass the language (in models and views, the active one
from django.utils.translation.get_language())."""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("th", "en")
ENGLISH = "en"


def pick(th: str, en: str | None, lang: str | None) -> str:
    """The text for a reader of `lang`: English when asked for and present, else Thai."""
    return en if lang == ENGLISH and en else th


@dataclass(frozen=True)
class Text:
    """A bilingual text of a definition (questionnaire, award file)."""

    th: str
    en: str = ""

    def get(self, lang: str | None) -> str:
        return pick(self.th, self.en, lang)
