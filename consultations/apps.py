from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("协商会议")

    def ready(self) -> None:
        # Registers how a sign-in sheet becomes dossier entries.
        from . import builders  # noqa: F401
