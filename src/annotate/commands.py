"""Registers the subcommands that live beside their own modules (terms, convert, xref, report).

Kept apart from ``cli`` so that ``annotate segment`` does not pay for importing jieba or OpenCC.
"""

from __future__ import annotations

import argparse

from .cli import EXTRA_COMMANDS, EXTRA_HELP


def _register(name: str, help_text: str):
    def decorator(func):
        EXTRA_COMMANDS[name] = func
        EXTRA_HELP[name] = help_text
        return func

    return decorator


__all__ = ["_register", "argparse"]
