"""A model field's database column by the field's name, for the plain statements of the hot paths
(common.writes, agencies.roles, surveys.models.loading), which are written from `_meta`."""

from __future__ import annotations

from django.db.models import Field, Model


def column(model: type[Model], name: str) -> str:
    """The column of `model`'s field `name`; TypeError for a name with no column of its own (the
    other side of a relation)."""
    field = model._meta.get_field(name)
    if not isinstance(field, Field):
        raise TypeError(f"{model.__name__}.{name} has no column")
    return str(field.column)
