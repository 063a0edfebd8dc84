/*
 * annotate: the worker behind Material's search box, online and offline, with one ranking.
 *
 * Material talks to its search worker with four messages (SETUP 0, READY 1, QUERY 2, RESULT 3). The page
 * (overrides/main.html) starts this worker instead of Material's everywhere; from file:// it runs inside
 * the iframe-worker shim. SETUP hands over the index Material's bundle loaded (src/annotate/search_data.py),
 * our part of it in `config.annotate`:
 *
 * - with the articles in it (`annotate.pages`: the offline copy's search_index.js, or mkdocs serve), the
 *   worker searches their text itself;
 * - without (online), it searches Pagefind's chunked index in the edition's pagefind/ folder, where every
 *   Han character is a word (src/annotate/search_pagefind.py): each typed term is a quoted phrase, an exact
 *   substring match; the page ids it returns are ranked with pagefind/annotate-rank.json.
 *
 * Both give the articles that contain every term (the same pages as a reader's Ctrl+F), ranked the same
 * way: more terms in the title or kicker first, then more terms in a heading, then more occurrences per
 * character of the article, then the newer bulletin (then the earlier article). A query that is a glossary
 * term, in any of its forms and either script, is answered first by the entry's card.
 *
 * The query box keeps what the reader typed: the query is converted to the edition's script here, with the
 * character table the build writes (assets/javascripts/annotate-query-table.js).
 */
'use strict';

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var FIRST = 10; // results shown as soon as their excerpts have arrived (Pagefind)
var MORE = 50; // results loaded next: Material renders them as the list is scrolled
var SETTLED_MS = 400; // …once the query has stayed unchanged this long (not for every keystroke)
var EXCERPT = 40; // characters either side of the first hit in an excerpt (offline)

var HAN = '\\u3005\\u3007\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}';
var AROUND_HAN = new RegExp('(?<=[' + HAN + '])(?=\\S)|(?<=\\S)(?=[' + HAN + '])', 'gu');
// Pagefind joins the words of an excerpt with spaces: the ones next to Chinese text (Han characters and
// full-width punctuation) are the index's word breaks, not the bulletin's, and are removed for display.
var CJK = HAN + '\\u3000-\\u303f\\uff00-\\uffef\\u2018-\\u201f\\u2026\\u2014\\u00b7';
var SPACE_NEAR_CJK = new RegExp(
  '(?<=[' + CJK + '](?:</?mark>)*)[ \\u200a]+|[ \\u200a]+(?=(?:</?mark>)*[' + CJK + '])', 'gu');
// Pagefind ends each paragraph of an excerpt with “. ”; between Chinese text it becomes a plain space.
var PARAGRAPH_STOP = new RegExp('(?<=[' + CJK + '](?:</?mark>)*)\\. ?', 'gu');
var INVISIBLE = /[\u200a\u200b\u200c\u200d\u2060\ufeff]/g;

/* The edition's root, from this script's own URL (<root>assets/javascripts/annotate-search-worker.js).
 * In the iframe-worker shim `self` is the iframe's window, whose location is the page's. */
var scriptUrl = (typeof document !== 'undefined' && document.currentScript && document.currentScript.src) ||
  self.location.href;
var editionRoot = new URL('../../', scriptUrl);

var backend = null; // Records (articles handed over) or Pagefind (online)
var tablePromise = null;
var table = null;
var latest = 0;

/* ---------- the reader's query ---------- */

/** importScripts is synchronous in a worker and returns a promise in the iframe-worker shim. */
function load(url) {
  return Promise.resolve(importScripts(url));
}

function conversionTable() {
  if (!tablePromise) {
    tablePromise = load(new URL('assets/javascripts/annotate-query-table.js', editionRoot).href).then(function () {
      var spec = self.annotateQueryTable;
      var map = new Map();
      if (spec && typeof spec.pairs === 'string') {
        var chars = Array.from(spec.pairs);
        var targets = new Set();
        for (var i = 0; i + 1 < chars.length; i += 2) {
          map.set(chars[i], chars[i + 1]);
          targets.add(chars[i + 1]);
        }
        // A character the table produces is already in the edition's script (麼→么 but 么→幺).
        targets.forEach(function (ch) { map.delete(ch); });
      }
      table = map;
    }, function () { table = new Map(); });
  }
  return tablePromise;
}

function toEdition(text) {
  var out = '';
  for (var ch of text) out += table && table.has(ch) ? table.get(ch) : ch;
  return out;
}

function terms(query) {
  return query.split(/\s+/).map(function (term) {
    return term.replace(/^["'+\-]+|["'*]+$/g, ''); // Material's query operators mean nothing here
  }).filter(function (term) { return term.length > 0; });
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, function (c) {
    return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
  });
}

function highlight(text, words) {
  var html = escapeHtml(text.replace(INVISIBLE, ''));
  words.forEach(function (word) {
    var escaped = escapeHtml(word);
    if (escaped) html = html.split(escaped).join('<mark>' + escaped + '</mark>');
  });
  return html.replace(/<\/mark><mark>/g, '');
}

/** Occurrences, overlapping ones too (as Pagefind's word positions count them). */
function count(haystack, needle) {
  var found = 0;
  for (var at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) found++;
  return found;
}

/* ---------- ranking: the same for both backends ---------- */

/** [terms in the title or kicker, terms in a heading, occurrences per character, place in the archive] */
function rankKey(words, zone, headings, occurrences, length, order) {
  var lowZone = zone.toLowerCase(), lowHeadings = headings.toLowerCase();
  var inTitle = 0, inHeading = 0;
  words.forEach(function (word) {
    var low = word.toLowerCase();
    if (lowZone.indexOf(low) >= 0) inTitle++;
    if (lowHeadings.indexOf(low) >= 0) inHeading++;
  });
  return [inTitle, inHeading, length ? occurrences / length : 0, order];
}

function byRank(a, b) {
  for (var i = 0; i < 3; i++) if (a.key[i] !== b.key[i]) return b.key[i] - a.key[i];
  return a.key[3] - b.key[3]; // newest bulletin (and earlier article) first
}

/* ---------- the term card ---------- */

function cardIndex(cards) {
  var byForm = new Map();
  (cards || []).forEach(function (card) {
    card.forms.forEach(function (form) {
      var key = form.replace(/\s+/g, '').toLowerCase();
      if (!byForm.has(key)) byForm.set(key, card);
    });
  });
  return byForm;
}

/** The entry the whole query names, as typed or converted to the edition's script; else null. */
function namedEntry(byForm, typed, converted) {
  var keys = [typed, converted].map(function (q) { return q.replace(/\s+/g, '').toLowerCase(); });
  for (var i = 0; i < keys.length; i++) if (keys[i] && byForm.has(keys[i])) return byForm.get(keys[i]);
  return null;
}

function cardGroup(card, words) {
  return [{
    location: new URL(card.url, editionRoot).href,
    title: '<span class="annotate-term-card">' + highlight(card.term, words) + '</span>',
    text: '<p>' + escapeHtml(card.line) + '</p>',
    score: Number.MAX_VALUE,
    terms: found(words)
  }];
}

function found(words) {
  var all = {};
  words.forEach(function (word) { all[word] = true; });
  return all;
}

/* ---------- backend: the articles themselves (offline copy, mkdocs serve) ---------- */

function Records(data) {
  this.pages = data.pages.map(function (page) {
    var text = page.lines.join('\n');
    return { page: page, text: text, low: text.toLowerCase(), length: page.lines.reduce(function (n, l) {
      return n + l.length;
    }, 0) };
  });
  this.cards = cardIndex(data.terms);
}

Records.prototype.search = function (words) {
  var lows = words.map(function (w) { return w.toLowerCase(); });
  var hits = [];
  this.pages.forEach(function (entry) {
    var occurrences = 0;
    for (var i = 0; i < lows.length; i++) {
      var n = count(entry.low, lows[i]);
      if (!n) return;
      occurrences += n;
    }
    var page = entry.page;
    hits.push({ entry: entry, key: rankKey(words, page.zone, page.headings, occurrences, entry.length, page.order) });
  });
  return Promise.resolve(hits.sort(byRank));
};

Records.prototype.excerpt = function (entry, words) {
  var lines = entry.page.lines;
  var low = words[0].toLowerCase();
  var zone = entry.page.zone.split('\n');
  var best = null;
  for (var i = 0; i < lines.length; i++) {
    if (lines[i].toLowerCase().indexOf(low) < 0) continue;
    if (best === null) best = i;
    if (zone.indexOf(lines[i]) < 0) { best = i; break; } // the body's words, not the title shown above
  }
  if (best === null) best = 0;
  var line = lines[best];
  var at = Math.max(line.toLowerCase().indexOf(low), 0);
  var start = Math.max(at - EXCERPT, 0), end = Math.min(at + low.length + EXCERPT, line.length);
  return (start > 0 ? '…' : '') + highlight(line.slice(start, end), words) + (end < line.length ? '…' : '');
};

Records.prototype.answer = function (id, words, card) {
  var self = this;
  return this.search(words).then(function (hits) {
    if (id !== latest) return;
    var items = hits.map(function (hit, i) {
      var page = hit.entry.page;
      return [{ location: new URL(page.url, editionRoot).href, title: highlight(page.title, words),
        text: '<p>' + self.excerpt(hit.entry, words) + '</p>', score: hits.length - i, terms: found(words) }];
    });
    if (card) items.unshift(cardGroup(card, words));
    post(items, items.length, true);
  });
};

/* ---------- backend: Pagefind (online) ---------- */

function Pagefind() {
  var bundle = new URL('pagefind/', editionRoot).href;
  var self = this;
  this.ready = Promise.all([
    import(bundle + 'pagefind.js').then(function (module) {
      self.pagefind = module;
      return module.options({ basePath: bundle, noWorker: true, excerptLength: 40 });
    }).then(function () { return self.pagefind.init(); }),
    fetch(bundle + 'annotate-rank.json').then(function (response) { return response.json(); }).then(function (data) {
      self.ranks = data.pages;
      self.cards = cardIndex(data.terms);
    })
  ]);
}

function loose(term) {
  return term.replace(/"/g, ' ').replace(AROUND_HAN, ' ');
}

/**
 * Occurrences of a term in each page, from Pagefind's word positions: a phrase search reports one
 * occurrence per page, but a search for one word (one Han character) reports every position of it. The
 * term occurs at p when its first word is at p, its second at p + 1, and so on.
 */
Pagefind.prototype.occurrences = function (term) {
  var self = this;
  var parts = loose(term).trim().split(/\s+/).filter(function (w) { return w; });
  return Promise.all(parts.map(function (part) { return self.pagefind.search(part); })).then(function (searches) {
    var positions = searches.map(function (search) {
      return new Map(search.results.map(function (result) { return [result.id, new Set(result.words || [])]; }));
    });
    var counts = new Map();
    positions[0].forEach(function (starts, id) {
      var n = 0;
      starts.forEach(function (start) {
        for (var k = 1; k < positions.length; k++) {
          var next = positions[k].get(id);
          if (!next || !next.has(start + k)) return;
        }
        n++;
      });
      counts.set(id, n);
    });
    return counts;
  });
};

Pagefind.prototype.search = function (words) {
  var self = this;
  return Promise.all(words.map(function (word) {
    return Promise.all([self.pagefind.search('"' + loose(word) + '"'), self.occurrences(word)]);
  })).then(function (searches) {
    var hits = null;
    searches.forEach(function (pair) {
      var next = new Map();
      pair[0].results.forEach(function (result) { // the pages that contain the term: recall
        if (hits && !hits.has(result.id)) return;
        var before = hits ? hits.get(result.id) : { result: result, occurrences: 0 };
        var occurrences = Math.max(pair[1].get(result.id) || 0, 1);
        next.set(result.id, { result: before.result, occurrences: before.occurrences + occurrences });
      });
      hits = next;
    });
    return Array.from(hits.values()).map(function (hit) {
      var rank = self.ranks[hit.result.id] || [Number.MAX_SAFE_INTEGER, '', '', 0];
      hit.key = rankKey(words, rank[1], rank[2], hit.occurrences, rank[3], rank[0]);
      return hit;
    }).sort(byRank);
  });
};

function unspace(html) {
  return html.replace(SPACE_NEAR_CJK, '').replace(PARAGRAPH_STOP, ' ').replace(/<\/mark><mark>/g, '')
    .replace(INVISIBLE, '');
}

function paragraph(excerpt) {
  return excerpt ? '<p>' + unspace(excerpt) + '</p>' : '';
}

/** Section headings as written, by anchor (search_pagefind.py puts them in the page's metadata). */
function sectionTitles(json) {
  try {
    return json ? JSON.parse(json) : {};
  } catch (error) {
    return {};
  }
}

var INLINE_SECTIONS = 2; // sections shown under a page; Material folds the others under “more”

/** Material's result groups: the page, then its sections that contain the words, most matches first. */
function groups(data, words, total) {
  return data.map(function (page, i) {
    var location = new URL(page.meta.location || page.url, editionRoot);
    var headings = sectionTitles(page.meta.sections);
    var score = total - i;
    var sections = (page.sub_results || []).filter(function (section) {
      return section.anchor && section.anchor.id && headings[section.anchor.id];
    }).sort(function (a, b) {
      return (b.locations || []).length - (a.locations || []).length;
    }).map(function (section, rank) {
      var url = new URL(location.href);
      url.hash = section.anchor.id;
      return { location: url.href, title: highlight(headings[section.anchor.id], words),
        text: paragraph(section.excerpt), score: rank < INLINE_SECTIONS ? score : score / 2, terms: found(words) };
    });
    var top = { location: location.href, title: highlight(page.meta.title || '', words),
      text: paragraph(page.excerpt), score: score, terms: found(words) };
    return [top].concat(sections);
  });
}

Pagefind.prototype.answer = function (id, words, card) {
  var self = this;
  return this.search(words).then(function (hits) {
    if (id !== latest) return null;
    var extra = card ? 1 : 0;
    function send(shown) {
      return Promise.all(shown.map(function (hit) { return hit.result.data(); })).then(function (data) {
        if (id !== latest) return;
        var items = groups(data, words, hits.length);
        if (card) items.unshift(cardGroup(card, words));
        post(items, hits.length + extra, shown.length === hits.length);
      });
    }
    return send(hits.slice(0, FIRST)).then(function () {
      if (id !== latest || hits.length <= FIRST) return null;
      return new Promise(function (resolve) { setTimeout(resolve, SETTLED_MS); }).then(function () {
        return id === latest ? send(hits.slice(0, MORE)) : null;
      });
    });
  });
};

/* ---------- messages ---------- */

function post(items, total, complete) {
  self.postMessage({ type: RESULT, data: { items: items, total: total, complete: complete } });
}

function query(typed) {
  var id = ++latest;
  return conversionTable().then(function () {
    var converted = toEdition(typed);
    var words = terms(converted);
    if (!words.length) {
      post([], 0, true);
      return null;
    }
    return backend.ready.then(function () {
      if (id !== latest) return null;
      return backend.answer(id, words, namedEntry(backend.cards, typed, converted));
    });
  });
}

self.addEventListener('message', function (event) {
  var message = event.data || {};
  if (message.type === SETUP) {
    var data = ((message.data || {}).config || {}).annotate;
    if (data && data.pages) {
      backend = new Records(data);
      backend.ready = Promise.resolve();
    } else {
      backend = { ready: null, lazy: true }; // nothing of Pagefind is fetched until the reader types
    }
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    if (backend && backend.lazy) backend = new Pagefind();
    query(String(message.data || '')).catch(function (error) {
      post([], 0, true);
      setTimeout(function () { throw error; }); // reported on the page's console, not swallowed
    });
  }
});
