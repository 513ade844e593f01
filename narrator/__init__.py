"""narrator: turn an article into an accessible audio rendition and a podcast episode."""

__version__ = "0.1.0"
