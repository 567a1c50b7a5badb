"""Text in Thai and English: Thai always, English where given, Thai when English is missing."""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("th", "en")


@dataclass(frozen=True)
class Text:
    th: str
    en: str = ""

    def get(self, lang: str | None) -> str:
        return self.en if lang == "en" and self.en else self.th
