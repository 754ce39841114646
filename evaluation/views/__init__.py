from . import runs, schemes

__all__ = ["runs", "schemes"]
