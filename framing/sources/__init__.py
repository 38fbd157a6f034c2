"""Sources: read a file, stdin or a record and yield prose with a map back to the input."""

from framing.sources.text import Source, expand_paths, read_path, read_stdin, source_from_text

__all__ = ["Source", "expand_paths", "read_path", "read_stdin", "source_from_text"]
