/*
 * annotate: reader-side behaviour on top of Material for MkDocs.
 *
 * 1. Touch: the first tap on a glossary term shows its definition (Material's tooltip, which opens on
 *    focus) instead of following the link; a second tap on the same term follows it; a tap elsewhere
 *    or Escape closes it. Mouse and keyboard behaviour stay Material's, except that Escape also hides
 *    a tooltip opened by hover or focus without moving focus (WCAG 1.4.13, dismissible content).
 * 2. The edition switcher follows its own link to the same page (Material's sitemap-based redirect is
 *    bypassed: it drops the port and then falls back to the home page) and carries the #fragment.
 * 3. Cross-reference markers (↔ 3 under a paragraph) open and close their list by click, tap, Enter or
 *    Space (they are buttons); Escape or a click elsewhere closes it. An open list marks the shared text
 *    of its paragraph. The lists are written open, for readers without JavaScript; they are closed here.
 * 4. Glossary tooltips open above their term (annotate.css), below it when there is no room above.
 * 5. Titles Material copies from a truncated label's text are escaped: its tooltip reads them as HTML.
 * 6. The result count of the search worker (annotate-search-worker.js) is the total it reports.
 *
 * Plain ES2017, no dependencies: the same file works served over http and from file:// (offline copy).
 */
(function () {
  'use strict';

  var TERM_SELECTOR = 'a.annotate-term';
  var DISMISSED_CLASS = 'annotate-tooltip--dismissed';

  /* ---------- titles Material copies from text ---------- */

  /**
   * Material copies a truncated label's text (the page title in the header, a navigation entry) into
   * its title attribute, and its tooltip then reads that attribute as HTML: a title that reads like
   * markup would become markup. Each such title is escaped once, as soon as it is set (a mutation
   * callback runs before any pointer event that could show the tooltip).
   */
  function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  function setUpTextTitles() {
    var escaped = new WeakMap();
    function guard(element) {
      var title = element.getAttribute('title');
      if (title === null || escaped.get(element) === title) return;
      var safe = escapeHtml(title);
      escaped.set(element, safe);
      if (safe !== title) element.setAttribute('title', safe);
    }
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        if (record.target.classList && record.target.classList.contains('md-ellipsis')) guard(record.target);
      });
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['title'] });
    document.querySelectorAll('.md-ellipsis[title]').forEach(guard);
  }

  /* ---------- the search worker's messages ---------- */

  /** Watch the replies of the search worker (a Worker, or iframe-worker on file://) for their totals. */
  function setUpWorkerQueries() {
    var Worker = window.Worker;
    if (!Worker || !Worker.prototype || Worker.prototype.annotatePatched) return;
    var post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function () {
      if (!this.annotateWatched && typeof this.addEventListener === 'function') {
        this.annotateWatched = true;
        watchTotals(this);
      }
      return post.apply(this, arguments);
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

  setUpTextTitles();
  setUpXref();
  setUpTooltipPlacement();
  setUpEditionSwitch();
  setUpWorkerQueries();
  setUpTouchTerms();
  setUpEscape();
})();
