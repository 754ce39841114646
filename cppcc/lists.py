"""One way to read a list: a selector wraps a FilterSet, the page renders its form, `paginate` pages it.

A FilterSet validates the query string like any form: a value it cannot read (a year of 99999, a
20-digit id, a status that does not exist) is dropped from the filtering instead of reaching the
database, so no query string can turn a list into a 500.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from .forms import QuickSelect

# Years the product knows of: the committee's records start after 2000; a year beyond next year is a typo.
FIRST_YEAR = 2000
LAST_YEAR = 2100
# Ids beyond the database's biggest integer are not ids of anything.
BIGGEST_ID = 2**63 - 1


def year_field_choices() -> list[tuple[str, str]]:
    from .http import year_choices

    return [(str(y), str(y)) for y in year_choices()]


class YearFilter(django_filters.ChoiceFilter):
    """A year picked from the years the product offers (newest first); anything else is ignored."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("年度"))
        kwargs.setdefault("empty_label", _("全部年度"))
        kwargs.setdefault("choices", year_field_choices)
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        if value in ("", None):
            return qs
        return qs.filter(**{self.field_name: int(value)})


class _BoundedModelChoiceField(ModelChoiceField):
    def to_python(self, value: Any) -> Any:
        text = str(value).strip() if value not in self.empty_values else ""
        if text and (not text.isdigit() or int(text) > BIGGEST_ID):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    """A model picked by id; an id no database could hold is an invalid choice, never a query."""

    field_class = _BoundedModelChoiceField


class ListFilter(django_filters.FilterSet):
    """A FilterSet whose form draws itself with the project's widgets: `q` as a search box first."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            widget = field.widget
            if name == "q":
                widget.input_type = "search"
                widget.attrs.setdefault("class", "form-control")
            elif type(widget) is forms.Select:
                field.widget = QuickSelect(
                    attrs={"class": "form-select", **widget.attrs}, choices=widget.choices
                )
                field.widget.is_required = widget.is_required
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


def search_filter(placeholder: Any) -> django_filters.CharFilter:
    return django_filters.CharFilter(
        label=_("搜索"),
        method="search",
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": placeholder, "type": "search"}),
    )


@dataclass(frozen=True)
class ListPage:
    """What a list template needs: the page of rows, the query string to keep, and the filters."""

    page: Page
    query: str
    filter: django_filters.FilterSet | None = None

    @property
    def total(self) -> int:
        return self.page.paginator.count


def paginate(
    request: HttpRequest,
    queryset: Any,
    *,
    filterset: django_filters.FilterSet | None = None,
    per_page: int | None = None,
    count: int | None = None,
) -> ListPage:
    """Page a list (`LIST_PAGE_SIZE` rows); a page number past the end shows the last page.

    `count`: the number of rows when the caller already knows it (a summary kept with the rows),
    which spares a COUNT over a city's list.
    """
    paginator = Paginator(queryset, per_page or settings.LIST_PAGE_SIZE)
    if count is not None:
        paginator.count = count  # as the dossier's entries do: the cached property is set, not counted
    number = request.GET.get("page", "")
    page = paginator.get_page(number if number.isdigit() and len(number) < 10 else 1)
    query = request.GET.copy()
    query.pop("page", None)
    return ListPage(page=page, query=query.urlencode(), filter=filterset)
