from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SentimentsConfig(AppConfig):
    name = "sentiments"
    verbose_name = _("社情民意")

    def ready(self) -> None:
        from . import builders  # noqa: F401  (registers the dossier builder)
