"""Text is text: the one rule by which annotate puts text into HTML.

Every string a reader sees (bulletin text, sidecar titles and notes, glossary terms and definitions,
converted Traditional text, the site name) is plain text, and wherever it reaches HTML — page content,
an attribute, a navigation title printed by a template — it is escaped by :func:`as_html`, never
inserted as it is. Two places need care because the consumer reads HTML where one would expect text:

* MkDocs and Material's templates (Jinja without autoescape) print navigation titles, page titles and
  the site name as they are: they are HTML. :func:`as_html` returns :class:`Html`, which Jinja's
  ``|e`` recognises (``__html__``) and leaves alone, so an attribute that Material escapes shows the
  text once, not ``&amp;lt;``.
* Material's ``content.tooltips`` feature reads a ``title`` attribute and inserts its value into the
  tooltip with ``innerHTML``: the attribute's value is HTML, not text. :func:`tooltip_html` therefore
  applies the rule twice, once for the tooltip and once for the attribute holding it.
"""

from __future__ import annotations

import html


class Html(str):
    """A string that is HTML already (text escaped by :func:`as_html`); never escaped again."""

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def as_html(text: str) -> Html:
    """The rule: ``text`` as HTML that shows exactly ``text``, in content or in a quoted attribute.

    ``& < > " '`` become character references, so nothing in ``text`` can open a tag, end an attribute
    or form an entity. An :class:`Html` value is returned unchanged (it is not text any more).
    """
    return text if isinstance(text, Html) else Html(_escape(text))


def tooltip_html(text: str) -> Html:
    """The value, ready for a quoted ``title="…"`` attribute, of a tooltip showing exactly ``text``.

    Material's tooltip takes the attribute's (decoded) value as HTML, so the value must be
    :func:`as_html` of the text, and it is escaped once more for the attribute itself.
    """
    return Html(_escape(as_html(text)))
