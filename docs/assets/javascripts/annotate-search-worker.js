/*
 * annotate: Material's search box, answered by Pagefind (online only).
 *
 * Material talks to its search worker with four messages (SETUP 0, READY 1, QUERY 2, RESULT 3). Online,
 * the page (overrides/main.html) starts this worker instead of Material's, with the edition's Pagefind
 * folder and language in its URL; from file:// Material's own worker and index are used, since Pagefind
 * cannot load its chunks there.
 *
 * The index has one word per Han character (src/annotate/search_pagefind.py): every term typed is
 * searched as a quoted phrase, an exact substring match, and the terms of a query must all occur in a
 * page. The word breaks around the characters are removed again from the excerpts shown.
 */
'use strict';

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var FIRST = 10; // results shown as soon as their excerpts have arrived
var MORE = 50; // results loaded next: Material renders them as the list is scrolled
var SETTLED_MS = 400; // …once the query has stayed unchanged this long (not for every keystroke)

var HAN = '\\u3005\\u3007\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}';
var AROUND_HAN = new RegExp('(?<=[' + HAN + '])(?=\\S)|(?<=\\S)(?=[' + HAN + '])', 'gu');
// Pagefind joins the words of an excerpt with spaces: the ones next to Chinese text (Han characters and
// full-width punctuation) are the index's word breaks, not the bulletin's, and are removed for display.
var CJK = HAN + '\\u3000-\\u303f\\uff00-\\uffef\\u2018-\\u201f\\u2026\\u2014\\u00b7';
var SPACE_NEAR_CJK = new RegExp(
  '(?<=[' + CJK + '](?:</?mark>)*)[ \\u200a]+|[ \\u200a]+(?=(?:</?mark>)*[' + CJK + '])', 'gu');

var params = new URL(self.location.href).searchParams;
var indexUrl = params.get('index');
var editionRoot = new URL('../', indexUrl);
var pagefind = null;
var ready = null;
var latest = 0;

function setUp() {
  return import(indexUrl + 'pagefind.js').then(function (module) {
    pagefind = module;
    // pageLength 0: a one-line glossary entry must not outrank the article whose title has the words.
    return pagefind.options({ basePath: indexUrl, noWorker: true, excerptLength: 40, ranking: { pageLength: 0 } });
  }).then(function () {
    return pagefind.init();
  });
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, function (c) {
    return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
  });
}

function terms(query) {
  return query.split(/\s+/).map(function (term) {
    return term.replace(/^["'+\-]+|["'*]+$/g, ''); // Material's query operators mean nothing here
  }).filter(function (term) { return term.length > 0; });
}

function loose(term) {
  return term.replace(/"/g, ' ').replace(AROUND_HAN, ' ');
}

function phrase(term) {
  return '"' + loose(term) + '"';
}

// Pagefind ends each paragraph of an excerpt with “. ”; between Chinese text it becomes a plain space.
var PARAGRAPH_STOP = new RegExp('(?<=[' + CJK + '](?:</?mark>)*)\\. ?', 'gu');

function unspace(html) {
  return html.replace(SPACE_NEAR_CJK, '').replace(PARAGRAPH_STOP, ' ').replace(/<\/mark><mark>/g, '');
}

/** Material's own index gives text as HTML paragraphs, which its stylesheet expects. */
function paragraph(excerpt) {
  return excerpt ? '<p>' + unspace(excerpt) + '</p>' : '';
}

function highlight(text, words) {
  var html = escapeHtml(text);
  words.forEach(function (word) {
    var escaped = escapeHtml(word);
    if (escaped) html = html.split(escaped).join('<mark>' + escaped + '</mark>');
  });
  return html;
}

/**
 * Pages that contain every term (exact phrases), best first. Pagefind gives every exact match the same
 * score, so the order comes from the same characters searched loosely, where its ranking counts them
 * and weighs titles (h1) and headings (h2) above paragraphs.
 */
function rank(searches) {
  var scores = null;
  searches.forEach(function (pair) {
    var loose = new Map(pair.loose.results.map(function (r) { return [r.id, r.score]; }));
    var next = new Map();
    pair.exact.results.forEach(function (result) {
      if (scores && !scores.has(result.id)) return;
      var before = scores ? scores.get(result.id) : { result: result, score: 0 };
      next.set(result.id, { result: before.result, score: before.score + (loose.get(result.id) || 0) });
    });
    scores = next;
  });
  return Array.from(scores.values()).sort(function (a, b) { return b.score - a.score; });
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

/**
 * Material's result groups: the page, then its sections that contain the words (Pagefind's sub-results
 * with an anchor: the headings of an article, the entries of the glossary), most matches first.
 */
function groups(hits, data, words) {
  var found = {};
  words.forEach(function (word) { found[word] = true; });
  return data.map(function (page, i) {
    var location = new URL(page.meta.location || page.url, editionRoot);
    var headings = sectionTitles(page.meta.sections);
    var score = hits[i].score;
    var sections = (page.sub_results || []).filter(function (section) {
      return section.anchor && section.anchor.id;
    }).sort(function (a, b) {
      return (b.locations || []).length - (a.locations || []).length;
    }).map(function (section, rank) {
      var url = new URL(location.href);
      url.hash = section.anchor.id;
      return {
        location: url.href,
        title: highlight(headings[section.anchor.id] || unspace(section.title || ''), words),
        text: paragraph(section.excerpt),
        score: rank < INLINE_SECTIONS ? score : score / 2,
        terms: found
      };
    });
    var top = { location: location.href, title: highlight(page.meta.title || '', words),
      text: paragraph(page.excerpt), score: score, terms: found };
    return [top].concat(sections);
  });
}

function answer(id, hits, count, words) {
  return Promise.all(hits.map(function (hit) { return hit.result.data(); })).then(function (data) {
    if (id !== latest) return;
    var items = groups(hits, data, words);
    self.postMessage({ type: RESULT, data: { items: items, total: count, complete: hits.length === count } });
  });
}

function query(text) {
  var id = ++latest;
  var words = terms(text);
  if (!words.length) {
    self.postMessage({ type: RESULT, data: { items: [], total: 0, complete: true } });
    return Promise.resolve();
  }
  return ready.then(function () {
    return Promise.all(words.map(function (word) {
      return Promise.all([pagefind.search(phrase(word)), pagefind.search(loose(word))]).then(function (both) {
        return { exact: both[0], loose: both[1] };
      });
    }));
  }).then(function (searches) {
    if (id !== latest) return null;
    var hits = rank(searches);
    return answer(id, hits.slice(0, FIRST), hits.length, words).then(function () {
      if (id !== latest || hits.length <= FIRST) return null;
      return new Promise(function (resolve) { setTimeout(resolve, SETTLED_MS); }).then(function () {
        return id === latest ? answer(id, hits.slice(0, MORE), hits.length, words) : null;
      });
    });
  });
}

self.addEventListener('message', function (event) {
  var message = event.data || {};
  if (message.type === SETUP) {
    // Nothing of Pagefind is fetched until the reader types: a page view costs this worker only.
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    ready = ready || setUp();
    query(String(message.data || '')).catch(function (error) {
      self.postMessage({ type: RESULT, data: { items: [], total: 0, complete: true } });
      setTimeout(function () { throw error; }); // reported on the page's console, not swallowed
    });
  }
});
