from . import dossier, register, scoring, submissions

__all__ = ["dossier", "register", "scoring", "submissions"]
