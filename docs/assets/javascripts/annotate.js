/*
 * annotate: reader-side behaviour on top of Material for MkDocs.
 *
 * 1. Touch: the first tap on a glossary term shows its definition (Material's tooltip, which opens on
 *    focus) instead of following the link; a second tap on the same term follows it; a tap elsewhere
 *    or Escape closes it. Mouse and keyboard behaviour stay Material's, except that Escape also hides
 *    a tooltip opened by hover or focus without moving focus (WCAG 1.4.13, dismissible content).
 * 2. Cross-script search: a query typed in the other script is converted character by character with
 *    window.annotateQueryTable (generated at build time from OpenCC's tables) before Material's search
 *    reads it. Material reads the input on keyup and focus only, so after converting we send it a
 *    synthetic keyup — which also makes IME commits and pastes without a key (context menu) search.
 * 3. Whole-word Chinese queries: Material's search worker cuts each run of Han characters in a query
 *    into words of its index, but its segment() never considers a word that ends at the last character
 *    of the run (`for (j = i + 1; j < query.length; j++)`), so 十五五 is searched as 十* 五* and
 *    两个确立 as 两个*. We append one Han sentinel character to every run in the query message sent to
 *    the worker: the whole run can then be matched, and the sentinel itself is never part of a word.
 *    Only for Material's worker (the offline copy, mkdocs serve): online, annotate-search-worker.js
 *    answers from Pagefind and matches every term exactly.
 * 4. The edition switcher follows its own link to the same page (Material's sitemap-based redirect is
 *    bypassed: it drops the port and then falls back to the home page) and carries the #fragment.
 * 5. Cross-reference markers (↔ 3 under a paragraph) open and close their list by click, tap, Enter or
 *    Space (they are buttons); Escape or a click elsewhere closes it. An open list marks the shared text
 *    of its paragraph. The lists are written open, for readers without JavaScript; they are closed here.
 * 6. Glossary tooltips open above their term (annotate.css), below it when there is no room above.
 *
 * Plain ES2017, no dependencies: the same file works served over http and from file:// (offline copy).
 */
(function () {
  'use strict';

  var TERM_SELECTOR = 'a.annotate-term';
  var DISMISSED_CLASS = 'annotate-tooltip--dismissed';

  /* ---------- cross-script search ---------- */

  /**
   * The conversion table as a Map of single characters. Pairs are iterated by code point because
   * some characters are astral (two UTF-16 units). A character that the table itself produces is
   * already in the edition's script; it is left as typed even if it is also a key (OpenCC's
   * character tables chain, e.g. 麼→么 but 么→幺: converting 么 would break 什么 on the Simplified
   * edition).
   */
  function loadTable() {
    var spec = window.annotateQueryTable;
    if (!spec || typeof spec.pairs !== 'string') return null;
    var chars = Array.from(spec.pairs);
    var table = new Map();
    var targets = new Set();
    for (var i = 0; i + 1 < chars.length; i += 2) {
      table.set(chars[i], chars[i + 1]);
      targets.add(chars[i + 1]);
    }
    targets.forEach(function (ch) { table.delete(ch); });
    return table;
  }

  function convert(table, text) {
    var out = '';
    for (var ch of text) out += table.has(ch) ? table.get(ch) : ch;
    return out;
  }

  /** Convert the input's value in place, keeping the caret where the reader left it. */
  function convertInput(table, input) {
    var value = input.value;
    var converted = convert(table, value);
    if (converted === value) return false;
    var start = input.selectionStart;
    var end = input.selectionEnd;
    input.value = converted;
    if (start !== null && end !== null && document.activeElement === input) {
      // Astral ↔ BMP conversions change UTF-16 lengths: place the caret by converting the prefix.
      var newStart = convert(table, value.slice(0, start)).length;
      var newEnd = convert(table, value.slice(0, end)).length;
      try { input.setSelectionRange(newStart, newEnd); } catch (e) { /* input type without caret */ }
    }
    return true;
  }

  /** Material listens for keyup (not input): tell it the value changed. */
  function notifySearch(input) {
    input.dispatchEvent(new KeyboardEvent('keyup', { bubbles: true, key: 'Unidentified' }));
  }

  /**
   * Material also starts a search from ?q=… and may already have copied it into the field when this
   * script runs: convert the field (and the address, which Material reads again when it opens the
   * search on later page loads).
   */
  function convertPresetQuery(table) {
    var input = document.querySelector('input[data-md-component=search-query]');
    if (input && input.value && convertInput(table, input)) notifySearch(input);
  }

  function convertQueryParameter(table) {
    if (!window.URL || !window.history || !history.replaceState) return;
    try {
      var url = new URL(location.href);
      var q = url.searchParams.get('q');
      if (q === null) return;
      var converted = convert(table, q);
      if (converted === q) return;
      url.searchParams.set('q', converted);
      history.replaceState(history.state, '', url.toString());
    } catch (e) { /* file:// URLs in old browsers: nothing to convert */ }
  }

  function setUpSearch() {
    var table = loadTable();
    if (!table || table.size === 0) return;
    convertQueryParameter(table);
    convertPresetQuery(table);
    document.addEventListener('DOMContentLoaded', function () { convertPresetQuery(table); });
    var composing = false;
    document.addEventListener('compositionstart', function (event) {
      if (isSearchInput(event.target)) composing = true;
    }, true);
    document.addEventListener('compositionend', function (event) {
      if (!isSearchInput(event.target)) return;
      composing = false;
      if (convertInput(table, event.target)) notifySearch(event.target);
    }, true);
    document.addEventListener('input', function (event) {
      var input = event.target;
      if (!isSearchInput(input) || composing || event.isComposing) return;
      // Always notify: input without a key (IME commit, paste from a menu, Playwright's insertText)
      // would otherwise never reach Material's search.
      convertInput(table, input);
      notifySearch(input);
    }, true);
  }

  function isSearchInput(target) {
    return target instanceof HTMLInputElement && target.getAttribute('data-md-component') === 'search-query';
  }

  /* ---------- whole-word Chinese queries (work-around for Material's segment()) ---------- */

  var QUERY_MESSAGE = 2; // Material's SearchMessageType.QUERY
  // U+303B VERTICAL IDEOGRAPHIC ITERATION MARK: Han script (so it joins the run), absent from modern text.
  var SENTINEL = '\u303B';

  function hanRuns() {
    try {
      return new RegExp('\\p{sc=Han}{2,}', 'gu'); // the same runs Material's worker segments
    } catch (e) {
      return null; // no Unicode property escapes: Material's worker cannot segment either
    }
  }

  /**
   * Runs of one character are left alone: the worker already searches them whole. A run whose every
   * prefix is unknown to the index comes back whole with the sentinel and finds nothing, where
   * Material would have searched it as a prefix; with words typed through an IME this does not occur
   * in practice, while the off-by-one above hits every query that ends in a known word.
   */
  function protectRuns(query, runs) {
    return query.replace(runs, function (run) { return run + SENTINEL; });
  }

  /** Online, overrides/main.html points Material at annotate-search-worker.js, which needs no sentinel. */
  function usesPagefindWorker() {
    var element = document.getElementById('__config');
    try {
      return /annotate-search-worker\.js/.test(JSON.parse(element.textContent).search || '');
    } catch (error) {
      return false;
    }
  }

  /** Rewrite query messages on their way to the search worker (a Worker, or iframe-worker on file://). */
  function setUpWorkerQueries() {
    var runs = hanRuns();
    var Worker = window.Worker;
    if (!runs || !Worker || !Worker.prototype || Worker.prototype.annotatePatched) return;
    var materialWorker = !usesPagefindWorker();
    var post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message) {
      if (!this.annotateWatched && typeof this.addEventListener === 'function') {
        this.annotateWatched = true;
        watchTotals(this);
      }
      var args = Array.prototype.slice.call(arguments);
      if (materialWorker && message && message.type === QUERY_MESSAGE && typeof message.data === 'string') {
        args[0] = Object.assign({}, message, { data: protectRuns(message.data, runs) });
      }
      return post.apply(this, args);
    };
    Worker.prototype.annotatePatched = true;
  }

  /* ---------- result count of the Pagefind worker (annotate-search-worker.js) ---------- */

  var RESULT_MESSAGE = 3; // Material's SearchMessageType.RESULT

  /**
   * Online, the worker sends the excerpts of the best results only, with the number of all matches
   * (``total``, ``complete`` false when some were not sent). Material counts what it was sent, so the
   * count line is set to the total whenever Material writes it for an incomplete list.
   */
  function watchTotals(worker) {
    var total = null;
    var writing = false;
    var observed = null;
    function correct(meta) {
      if (total === null || writing) return;
      var config = JSON.parse(document.getElementById('__config').textContent);
      var template = (config.translations || {})['search.result.other'];
      if (!template) return;
      var text = template.replace('#', String(total));
      if (meta.textContent === text) return;
      writing = true;
      meta.textContent = text;
      writing = false;
    }
    worker.addEventListener('message', function (event) {
      var message = event.data;
      if (!message || message.type !== RESULT_MESSAGE || !message.data) return;
      total = message.data.complete === false ? message.data.total : null;
      var meta = document.querySelector('.md-search-result__meta');
      if (!meta) return;
      if (observed !== meta) {
        observed = meta;
        new MutationObserver(function () { correct(meta); }).observe(meta, { childList: true, characterData: true, subtree: true });
      }
      correct(meta);
    });
  }

  /* ---------- glossary terms on touch screens ---------- */

  var armed = null; // the term whose tooltip a tap has opened
  var lastPointerType = '';

  function pointerTypeOf(event) {
    // Chrome and Firefox dispatch click as a PointerEvent; Safari before 17 does not.
    if (typeof event.pointerType === 'string' && event.pointerType !== '') return event.pointerType;
    return event.detail > 0 ? lastPointerType : '';
  }

  function disarm() {
    if (!armed) return;
    var term = armed;
    armed = null;
    if (document.activeElement === term) term.blur();
  }

  function setUpTouchTerms() {
    document.addEventListener('pointerdown', function (event) {
      lastPointerType = event.pointerType;
      if (armed && !armed.contains(event.target)) disarm();
    }, true);
    document.addEventListener('click', function (event) {
      var term = event.target instanceof Element ? event.target.closest(TERM_SELECTOR) : null;
      if (!term) return;
      if (pointerTypeOf(event) !== 'touch') return;
      if (armed === term) { armed = null; return; } // second tap: follow the link
      event.preventDefault();
      armed = term;
      term.focus({ preventScroll: true }); // Material opens the tooltip of the focused element
    }, true);
    document.addEventListener('focusout', function (event) {
      if (armed && event.target === armed) armed = null;
    }, true);
  }

  /* ---------- Escape closes tooltips ---------- */

  function activeTooltipOf(term) {
    var id = term.getAttribute('aria-describedby');
    return id ? document.getElementById(id) : null;
  }

  function setUpEscape() {
    document.addEventListener('keydown', function (event) {
      if (event.key !== 'Escape') return;
      // A tapped term keeps the emulated hover after blur: dismiss its tooltip as well.
      disarm();
      document.querySelectorAll(TERM_SELECTOR + '[aria-describedby]').forEach(function (term) {
        var tooltip = activeTooltipOf(term);
        if (tooltip) tooltip.classList.add(DISMISSED_CLASS);
      });
    });
    // Hovering or focusing a term again shows its tooltip again.
    ['mouseover', 'focusin'].forEach(function (type) {
      document.addEventListener(type, function (event) {
        var term = event.target instanceof Element ? event.target.closest(TERM_SELECTOR) : null;
        var tooltip = term && activeTooltipOf(term);
        if (tooltip) tooltip.classList.remove(DISMISSED_CLASS);
      }, true);
    });
  }

  /* ---------- edition switch keeps the paragraph ---------- */

  /**
   * The switcher's links already point to the same page in the other edition (overrides/partials/
   * alternate.html). Material also handles these clicks: once it has fetched the editions' sitemaps it
   * looks the page up there and otherwise sends the reader to the other edition's home page — but it
   * rewrites sitemap URLs without their port (127.0.0.1:8000 never matches), so the outcome depended
   * on whether the sitemap had arrived before the click. Follow our link and keep Material out of it;
   * anchors are identical in both editions, so the reader's #p-… comes along.
   */
  function setUpEditionSwitch() {
    document.addEventListener('click', function (event) {
      var link = event.target instanceof Element ? event.target.closest('a.md-select__link[hreflang]') : null;
      if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      if (location.hash && !link.hash) link.hash = location.hash;
      event.stopPropagation(); // Material listens on document.body; the browser follows the link
    }, true);
  }

  /* ---------- cross-reference markers ---------- */

  var XREF_ACTIVE = 'annotate-xref-active';

  /** The list is found in the marker, not through aria-controls (Material removes that attribute from
   *  any element it gives a tooltip of its own). */
  function xrefParts(toggle) {
    var marker = toggle.closest('.annotate-xref');
    var list = marker ? marker.querySelector('.annotate-xref-list') : null;
    var paragraph = marker ? marker.previousElementSibling : null;
    return { list: list, paragraph: paragraph };
  }

  function setXref(toggle, open) {
    var parts = xrefParts(toggle);
    if (!parts.list) return;
    toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    parts.list.hidden = !open;
    if (parts.paragraph) parts.paragraph.classList.toggle(XREF_ACTIVE, open);
  }

  function closeAllXref(except) {
    document.querySelectorAll('.annotate-xref-toggle[aria-expanded=true]').forEach(function (toggle) {
      if (toggle !== except) setXref(toggle, false);
    });
  }

  function setUpXref() {
    document.querySelectorAll('.annotate-xref-toggle').forEach(function (toggle) { setXref(toggle, false); });
    document.addEventListener('click', function (event) {
      var target = event.target instanceof Element ? event.target : null;
      var toggle = target ? target.closest('.annotate-xref-toggle') : null;
      if (toggle) {
        var open = toggle.getAttribute('aria-expanded') !== 'true';
        closeAllXref(toggle);
        setXref(toggle, open);
        return;
      }
      if (!target || !target.closest('.annotate-xref-list')) closeAllXref(null);
    }, true); // capture: Material stops some clicks on their way up (its tooltips)
    document.addEventListener('keydown', function (event) {
      if (event.key !== 'Escape') return;
      var inside = document.activeElement instanceof Element
        ? document.activeElement.closest('.annotate-xref') : null;
      closeAllXref(null);
      if (inside) {
        var toggle = inside.querySelector('.annotate-xref-toggle');
        if (toggle) toggle.focus();
      }
    });
  }

  /* ---------- glossary tooltips above the term ---------- */

  var BELOW_CLASS = 'annotate-tooltip--below';

  function placeTooltip(term) {
    var tooltip = activeTooltipOf(term);
    if (!tooltip) return;
    var inner = tooltip.firstElementChild;
    var header = document.querySelector('.md-header');
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var room = term.getBoundingClientRect().top - top;
    tooltip.classList.toggle(BELOW_CLASS, !!inner && inner.getBoundingClientRect().height + 12 > room);
  }

  function setUpTooltipPlacement() {
    ['mouseover', 'focusin'].forEach(function (type) {
      document.addEventListener(type, function (event) {
        var term = event.target instanceof Element ? event.target.closest(TERM_SELECTOR) : null;
        if (!term) return;
        // Material creates the tooltip on the first hover or focus: measure once it is in the page.
        requestAnimationFrame(function () { requestAnimationFrame(function () { placeTooltip(term); }); });
      }, true);
    });
  }

  setUpSearch();
  setUpXref();
  setUpTooltipPlacement();
  setUpEditionSwitch();
  setUpWorkerQueries();
  setUpTouchTerms();
  setUpEscape();
})();
