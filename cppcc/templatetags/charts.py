"""The text a chart is read as, for screen readers and for anyone whose browser draws no canvas."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def chart_summary(chart: dict[str, Any]) -> str:
    """“优秀 25、称职 180” — each label with its value (the first series when there are several)."""
    values = chart["series"][0]["values"] if "series" in chart else chart.get("values", [])
    return "、".join(
        f"{label} {value}" for label, value in zip(chart.get("labels", []), values, strict=False)
    )
