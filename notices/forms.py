from __future__ import annotations

from typing import Any

from django import forms

from .models import ALWAYS_IN_APP, Channel, NoticeKind


class PreferencesForm(forms.Form):
    """Per kind of notice, the channels wanted; a meeting notice always reaches the inbox."""

    def __init__(self, *args: Any, initial_channels: dict[str, frozenset[str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in NoticeKind.choices:
            self.fields[kind] = forms.MultipleChoiceField(
                label=label,
                choices=Channel.choices,
                required=False,
                initial=sorted(initial_channels[kind]),
                widget=forms.CheckboxSelectMultiple,
            )

    def rows(self) -> list[tuple[str, Any, list[tuple[str, Any, bool, bool]]]]:
        """(kind, label, [(channel, its label, checked, locked)]) for the table the page draws."""
        rows = []
        for kind, label in NoticeKind.choices:
            value = set(self[kind].value() or ())
            locked = {Channel.IN_APP} if kind in ALWAYS_IN_APP else set()
            cells = [
                (channel, name, channel in value | locked, channel in locked)
                for channel, name in Channel.choices
            ]
            rows.append((kind, label, cells))
        return rows

    def choices(self) -> dict[str, set[str]]:
        return {kind: set(self.cleaned_data.get(kind) or ()) for kind in NoticeKind.values}
