"""The reading page (issue 16) at 1280 and 375 px in both editions: Chinese fonts of the edition's script,
no phantom lines, readable tooltips above the line, titles without links, cross-reference markers by
mouse, keyboard and tap, and no accessibility violations. Saves the reviewers' screenshots
(test-output/screenshots/reading-*.png).

The font tests check both the family list the page declares (the computed ``font-family``) and the face
Chromium actually draws the text with (DevTools' ``CSS.getPlatformFontsForNode``). ``make browser`` installs
Debian's Noto CJK fonts beside chromium — the fonts a Linux reader has — so that the drawn face is real.
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from browserkit import EDITIONS, MOBILE, wait_for_tooltip

pytestmark = pytest.mark.browser

ARTICLE = "2026-03/04.html"  # a long study article with glossary terms and cross-references
SPEECH = "2026-03/13.html"  # a speech whose paragraphs echo the signed article 12
TERM = "article a.annotate-term"
VIEWPORTS = {"desktop": {"viewport": {"width": 1280, "height": 900}}, "mobile": MOBILE}
# Fonts with Simplified glyph shapes, and with Traditional ones (never both in one list's lead).
SC_FONTS = {"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC",
            "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei"}
TC_FONTS = {"PingFang TC", "Microsoft JhengHei", "Noto Sans CJK TC", "Noto Sans TC", "Source Han Sans TC",
            "Source Han Sans TW"}

# Every block of the article whose box is taller than its text by most of a line: a phantom line.
PHANTOM_LINES_JS = """() => {
  const found = [];
  for (const block of document.querySelectorAll('article .annotate-block')) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let top = Infinity, bottom = -Infinity;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || node.parentElement.closest('.headerlink')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        top = Math.min(top, rect.top); bottom = Math.max(bottom, rect.bottom);
      }
    }
    if (top === Infinity) continue;
    const style = getComputedStyle(block);
    const box = block.getBoundingClientRect();
    const inner = box.height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)
      - parseFloat(style.borderTopWidth) - parseFloat(style.borderBottomWidth);
    const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
    if (inner - (bottom - top) > 0.75 * line) found.push([block.id, Math.round(inner), Math.round(bottom - top)]);
  }
  return found;
}"""


@pytest.fixture(params=list(VIEWPORTS))
def reader(request: pytest.FixtureRequest, browser: Any) -> Any:
    """A page at 1280 px (mouse) or 375 px (touch)."""
    ctx = browser.new_context(locale="zh-CN", **VIEWPORTS[request.param])
    ctx.set_default_timeout(10_000)
    page = ctx.new_page()
    page.annotate_view = request.param
    yield page
    ctx.close()


def first_family(page: Any, selector: str) -> str:
    family = page.locator(selector).first.evaluate("e => getComputedStyle(e).fontFamily")
    return str(family).split(",")[0].strip().strip("\"'")


@pytest.mark.parametrize("edition", EDITIONS)
def test_text_uses_a_chinese_font_of_the_editions_script(reader: Any, base_url: str, edition: str) -> None:
    reader.goto(f"{base_url}{EDITIONS[edition]}{ARTICLE}")
    assert reader.evaluate("document.documentElement.lang") == edition
    fonts = SC_FONTS if edition == "zh-Hans" else TC_FONTS
    for selector in ("article p.annotate-paragraph", "article h1", ".md-nav__link", "body"):
        assert first_family(reader, selector) in fonts, (selector, first_family(reader, selector))
    size = reader.locator("article p.annotate-paragraph").first.evaluate(
        "e => [parseFloat(getComputedStyle(e).fontSize), parseFloat(getComputedStyle(e).lineHeight)]")
    assert size[0] >= 15 and size[1] >= 1.6 * size[0], size
    # A comfortable measure: at most about 40 characters a line on a wide screen.
    width = reader.locator("article p.annotate-paragraph").first.evaluate("e => e.clientWidth")
    assert width <= 41 * size[0], width


def drawn_fonts(page: Any, selector: str) -> dict[str, int]:
    """The faces Chromium drew the first ``selector`` element's own text with, and their glyph counts."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, selector
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return {font["familyName"]: int(font["glyphCount"]) for font in fonts}


@pytest.mark.parametrize("edition", EDITIONS)
def test_text_is_drawn_with_a_chinese_face_of_the_editions_script(reader: Any, base_url: str, edition: str) -> None:
    """Not only declared: the paragraph's Han characters are drawn with an installed SC face in the
    Simplified edition and a TC face (Traditional character shapes) in the Traditional one."""
    reader.goto(f"{base_url}{EDITIONS[edition]}{ARTICLE}")
    fonts = SC_FONTS if edition == "zh-Hans" else TC_FONTS
    drawn = drawn_fonts(reader, "article p.annotate-paragraph")
    assert drawn, "no text drawn"
    main = max(drawn, key=lambda family: drawn[family])
    assert main in fonts, drawn
    assert not set(drawn) & (TC_FONTS if edition == "zh-Hans" else SC_FONTS), drawn  # never the other script


@pytest.mark.parametrize("page_path", [ARTICLE, SPEECH, "2026-03/06.html"])
@pytest.mark.parametrize("edition", EDITIONS)
def test_no_block_is_taller_than_its_text(reader: Any, base_url: str, edition: str, page_path: str) -> None:
    reader.goto(f"{base_url}{EDITIONS[edition]}{page_path}")
    blocks = reader.locator("article .annotate-block").count()
    assert blocks > 5
    assert reader.evaluate(PHANTOM_LINES_JS) == []
    # The ¶ permalinks are still there, in the margin, and inside the page.
    link = reader.locator("article p.annotate-paragraph > a.headerlink").first
    box = link.bounding_box()
    paragraph = reader.locator("article p.annotate-paragraph").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= paragraph["x"] + 1, (box, paragraph)
    assert box["width"] >= 24 and box["height"] >= 24


@pytest.mark.parametrize("edition", EDITIONS)
def test_tooltip_is_body_size_and_leaves_the_line_below_visible(
    reader: Any, base_url: str, edition: str, screenshot: Any
) -> None:
    page = reader
    page.goto(f"{base_url}{EDITIONS[edition]}{ARTICLE}")
    # A term well down the page, so that there is room above it.
    term = page.locator(TERM).nth(3)
    term.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -window.innerHeight / 3)")
    title = term.get_attribute("title")
    if page.annotate_view == "mobile":
        term.tap()
    else:
        term.hover()
    wait_for_tooltip(page, title)
    page.wait_for_timeout(500)  # Material's transition, then annotate.js places it
    tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner").first
    style = tooltip.evaluate("e => [parseFloat(getComputedStyle(e).fontSize), getComputedStyle(e).fontWeight]")
    assert style[0] >= 14 and int(style[1]) <= 400, style
    tip, word = tooltip.bounding_box(), term.bounding_box()
    # At most about 22 characters wide, and inside the screen with a margin on either side.
    assert tip["width"] <= 22 * style[0] + 1, (tip, style)
    screen = 1280 if page.annotate_view == "desktop" else 375
    assert tip["x"] >= 8 and tip["x"] + tip["width"] <= screen - 8, tip
    assert tip["y"] + tip["height"] <= word["y"] + 1, (tip, word)  # above the term: the next line stays visible
    if page.annotate_view == "mobile":
        screenshot(page, f"reading-mobile-tooltip-{edition}")


@pytest.mark.parametrize("edition", EDITIONS)
def test_titles_carry_no_links_or_tooltips(reader: Any, base_url: str, edition: str) -> None:
    for path in (ARTICLE, SPEECH, "2026-03/12.html", "2026-03/05.html"):
        reader.goto(f"{base_url}{EDITIONS[edition]}{path}")
        h1 = reader.locator("article h1")
        assert h1.count() == 1
        # Material's own ¶ (.headerlink) is the heading's permalink; nothing else is a link.
        assert h1.locator("a:not(.headerlink), [data-term], [aria-describedby]").count() == 0
        assert h1.evaluate("h => h.title") == ""


@pytest.mark.parametrize("edition", EDITIONS)
def test_cross_reference_marker_by_mouse_keyboard_and_tap(
    reader: Any, base_url: str, edition: str, screenshot: Any
) -> None:
    page = reader
    page.goto(f"{base_url}{EDITIONS[edition]}{SPEECH}")
    marker = page.locator("div.annotate-xref").first
    toggle = marker.locator(".annotate-xref-toggle")
    items = marker.locator("a.annotate-xref-link")
    listing = marker.locator(".annotate-xref-list")
    count = int(toggle.inner_text().split()[-1])
    assert count == items.count() and count >= 1
    assert toggle.get_attribute("aria-expanded") == "false" and not listing.is_visible()
    paragraph = marker.locator("xpath=preceding-sibling::*[1]")
    toggle.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -window.innerHeight / 4)")
    # The marker is one line: compact, no taller than a tap target plus its margin.
    assert toggle.bounding_box()["height"] <= 40

    if page.annotate_view == "mobile":
        toggle.tap()
    else:
        toggle.click()
    assert listing.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    # Grouped by article: each group's title once, then its paragraphs as excerpts.
    titles = marker.locator(".annotate-xref-title").all_inner_texts()
    assert titles and len(titles) == len(set(titles))
    assert all(0 < len(text) <= 32 for text in items.all_inner_texts())
    # The shared text of the paragraph is marked while its list is open.
    mark = paragraph.locator("mark.annotate-shared").first
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    screenshot(page, f"reading-speech-xref-{page.annotate_view}-{edition}")
    box = listing.bounding_box()
    width = 1280 if page.annotate_view == "desktop" else 375
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box

    # A click or tap elsewhere closes it.
    if page.annotate_view == "mobile":
        page.touchscreen.tap(3, 300)
    else:
        page.mouse.click(3, 300)
    assert not listing.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") in ("rgba(0, 0, 0, 0)", "transparent")

    # Keyboard: Enter opens, Tab reaches the first link, Escape closes and returns to the marker.
    toggle.focus()
    page.keyboard.press("Enter")
    assert listing.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('annotate-xref-link')")
    page.keyboard.press("Escape")
    assert not listing.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('annotate-xref-toggle')")
    page.keyboard.press("Space")
    assert listing.is_visible()

    # A link leads to its paragraph.
    href = items.first.get_attribute("href")
    items.first.click() if page.annotate_view == "desktop" else items.first.tap()
    page.wait_for_url(f"**/{href.split('#')[0]}#{href.split('#')[1]}")


@pytest.mark.parametrize("edition", EDITIONS)
def test_print_page_is_outside_the_reading_sequence(page: Any, base_url: str, edition: str) -> None:
    page.goto(f"{base_url}{EDITIONS[edition]}2026-03/15.html")
    nxt = page.locator("a.md-footer__link--next")
    assert nxt.count() == 0 or "print" not in (nxt.get_attribute("href") or "")
    page.goto(f"{base_url}{EDITIONS[edition]}2026-03/print.html")
    assert page.locator("a.md-footer__link").count() == 0


@pytest.mark.parametrize("page_path", [ARTICLE, SPEECH])
@pytest.mark.parametrize("edition", EDITIONS)
def test_reading_page_has_no_accessibility_violations(
    reader: Any, base_url: str, edition: str, page_path: str, screenshot: Any
) -> None:
    reader.goto(f"{base_url}{EDITIONS[edition]}{page_path}")
    toggle = reader.locator(".annotate-xref-toggle").first
    toggle.click()  # with a cross-reference list open
    violations = Axe().run(reader).response["violations"]
    assert violations == [], [f"{v['impact']} {v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in violations]
    if page_path == ARTICLE and reader.annotate_view == "desktop":
        reader.keyboard.press("Escape")
        reader.evaluate("window.scrollTo(0, 0)")
        reader.wait_for_timeout(600)  # Material's header swaps the page title for the site name, animated
        screenshot(reader, f"reading-article-{edition}")
