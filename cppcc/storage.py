"""Where uploaded files live: outside the static path, with no public URL. Views that ask
`cppcc.access` stream them to the users allowed to see them."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage


@cache
def _storage(location: str) -> Storage:
    # base_url None: the storage cannot produce a URL, so no template can link to a file directly.
    return FileSystemStorage(location=location, base_url=None)


def private_storage() -> Storage:
    """A callable, so migrations name this function instead of one machine's path."""
    return _storage(str(settings.PRIVATE_MEDIA_ROOT))
