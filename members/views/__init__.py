from . import dossier, evaluation, register, scoring, submissions

__all__ = ["dossier", "evaluation", "register", "scoring", "submissions"]
