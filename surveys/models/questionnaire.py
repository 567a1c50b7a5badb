"""Questionnaires: a versioned definition, parsed once per process."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.bilingual import pick
from surveys.domain.definition import Definition
from surveys.domain.definition_parser import parse_definition


class Questionnaire(models.Model):
    """One version of a questionnaire definition; immutable once published."""

    code = models.SlugField(_("code"), max_length=100, unique=True)
    year = models.PositiveIntegerField(_("year (B.E.)"), null=True, blank=True)
    title_th = models.CharField(_("title (Thai)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    definition = models.JSONField(_("definition"))
    checksum = models.CharField(_("checksum"), max_length=64)
    import_warnings = models.JSONField(
        _("import warnings"),
        default=list,
        blank=True,
        help_text=_("What the import dropped, each at its sheet, row and column (XLSForm)."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-year", "code"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_th, self.title_en, get_language())

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @cached_property
    def parsed(self) -> Definition:
        return _parsed(self.pk, self.checksum, lambda: self.definition)


_DEFINITIONS: dict[tuple[int, str], Definition] = {}


def _parsed(pk: int, checksum: str, data: Callable[[], dict]) -> Definition:
    """Parse once per process: a stored definition never changes under the same checksum.
    `data` is called only on a miss, so a worker may load questionnaires with the definition
    deferred and fetch the JSON once."""
    key = (pk, checksum)
    if key not in _DEFINITIONS:
        _DEFINITIONS[key] = parse_definition(data())
    return _DEFINITIONS[key]
