"""Lexicon packs: TOML data under ``lexicons/``, validated against ``schema.json`` at load."""

from framing.lexicons.loader import CueEntry, Lexicon, PackMeta, TargetEntry, load_lexicon

__all__ = ["CueEntry", "Lexicon", "PackMeta", "TargetEntry", "load_lexicon"]
