from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformsConfig(AppConfig):
    name = "platforms"
    verbose_name = _("协商议事平台")

    def ready(self) -> None:
        # Registers how a platform consultation becomes dossier entries.
        from . import builders  # noqa: F401
