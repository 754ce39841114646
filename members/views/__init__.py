from . import dossier, register

__all__ = ["dossier", "register"]
