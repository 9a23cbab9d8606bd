"""peacecorpus."""
from .gazetteer import Gazetteer

__all__ = ["Gazetteer"]
