"""A long list, filtered and sorted in the database, as Django's paginator reads it: its length is
one count, and a page is two statements however long the list is.

The first statement finds the page's ids. It runs the filters and the sort over every row, and it
computes only what they name (an annotation the sort does not use is not computed for the rows
it skips). The second reads those rows with everything the page shows, so the joins and counted
subqueries that only the page needs are computed for the rows shown (docs/architecture.md, "The
hot paths")."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar, overload

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


def _as_they_are(rows: QuerySet[M]) -> QuerySet[M]:
    return rows


class IdsFirst(Generic[M]):
    """`filtered` (sorted) as the paginator reads it; `shown` turns the page's rows (the filtered
    query narrowed to the page's ids, unsorted) into the query that reads what the page shows.
    A row that left the filter between the two statements is left out of the page."""

    def __init__(
        self, filtered: QuerySet[M], shown: Callable[[QuerySet[M]], QuerySet[M]] = _as_they_are
    ) -> None:
        self.filtered = filtered
        self.shown = shown

    def count(self) -> int:
        return self.filtered.count()

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[M]:
        return iter(self[:])

    @overload
    def __getitem__(self, index: int) -> M: ...

    @overload
    def __getitem__(self, index: slice) -> list[M]: ...

    def __getitem__(self, index: int | slice) -> M | list[M]:
        if isinstance(index, int):
            one = self[index : index + 1]
            if not one:
                raise IndexError(index)
            return one[0]
        ids = list(self.filtered.values_list("pk", flat=True)[index])
        if not ids:
            return []
        by_id = {row.pk: row for row in self.shown(self.filtered.order_by().filter(pk__in=ids))}
        return [by_id[pk] for pk in ids if pk in by_id]
