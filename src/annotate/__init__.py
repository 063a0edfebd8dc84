"""annotate: plain-text Chinese bulletins to an annotated static site."""

__version__ = "0.1.0"
