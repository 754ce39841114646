"""Where uploaded files live: outside the static path, with no public URL. Views that ask
`cppcc.access` stream them to the users allowed to see them."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage


class PrivateStorage(FileSystemStorage):
    """Reads PRIVATE_MEDIA_ROOT on every use (not once at start-up), and has no URL: base_url None
    means no template can link to a file directly."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)


_STORAGE = PrivateStorage()


def private_storage() -> Storage:
    """A callable, so migrations name this function instead of one machine's path."""
    return _STORAGE
