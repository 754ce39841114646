from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CppccConfig(AppConfig):
    name = "cppcc"
    verbose_name = _("政协履职管理")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (login logging)
