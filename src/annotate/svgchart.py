"""A small inline SVG bar chart: a term's occurrences per bulletin, oldest to newest.

Written by hand (a few ``<rect>`` elements) rather than with a chart library: the site requests nothing
from another host and the chart must come out byte-identical from the same inputs. The SVG itself is
hidden from assistive technology; the caption and the table beside it (:mod:`annotate.termpages`) are
its text equivalent.
"""

from __future__ import annotations

from collections.abc import Sequence

from .htmltext import as_html

HEIGHT = 60  # drawing units; the chart scales to the width of its column (CSS)
BAR = 8
GAP = 2


def bar_chart(counts: Sequence[int], labels: Sequence[str], caption_id: str) -> str:
    """One ``<svg>`` with a bar per bulletin; ``labels`` name the bulletins (a tooltip on each bar)."""
    width = max(len(counts) * (BAR + GAP), BAR + GAP)
    top = max(counts, default=0) or 1
    bars = []
    for position, (count, label) in enumerate(zip(counts, labels, strict=True)):
        x = position * (BAR + GAP)
        if count:
            height = max(round(count * (HEIGHT - 2) / top, 1), 2)
            bars.append(f'<rect x="{x}" y="{HEIGHT - height:g}" width="{BAR}" height="{height:g}">'
                        f"<title>{as_html(label)}</title></rect>")
        else:  # a bulletin without the term: a hairline on the baseline, so gaps in time stay visible
            bars.append(f'<rect class="annotate-chart-zero" x="{x}" y="{HEIGHT - 1}" width="{BAR}" height="1"></rect>')
    return (f'<svg class="annotate-term-chart" viewBox="0 0 {width} {HEIGHT}" width="{width}" height="{HEIGHT}" '
            f'preserveAspectRatio="none" aria-hidden="true" focusable="false" data-caption="{caption_id}">'
            + "".join(bars) + "</svg>")
