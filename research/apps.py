from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = _("调研课题")

    def ready(self) -> None:
        # Registers how a research topic becomes dossier entries.
        from . import builders  # noqa: F401
