"""Actors: resolve mentions (countries, capitals, leaders, organisations, sector words) to CAMEO-style actors."""
from .dictionary import ActorDictionary, load_dictionary
from .resolver import ActorResolver

__all__ = ["ActorDictionary", "ActorResolver", "load_dictionary"]
