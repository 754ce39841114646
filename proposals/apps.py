from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("提案和社情民意")

    def ready(self) -> None:
        from . import builders  # noqa: F401  (registers the dossier builders)
