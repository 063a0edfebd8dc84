/*
 * annotate: every change of the search box reaches Material's search.
 *
 * Material reads the box on keyup and focus only: text that arrives without a key (an IME commit, a paste
 * from the context menu) would never be searched. On each input outside an IME composition, and at its
 * commit, Material is sent a synthetic keyup. The box keeps exactly what the reader typed: conversion to
 * the edition's script happens in the search worker (annotate-search-worker.js).
 *
 * Plain ES2017, no dependencies: the same file works served over http and from file:// (offline copy).
 */
(function () {
  'use strict';

  function isSearchInput(target) {
    return target instanceof HTMLInputElement && target.getAttribute('data-md-component') === 'search-query';
  }

  function notify(input) {
    input.dispatchEvent(new KeyboardEvent('keyup', { bubbles: true, key: 'Unidentified' }));
  }

  var composing = false;
  document.addEventListener('compositionstart', function (event) {
    if (isSearchInput(event.target)) composing = true;
  }, true);
  document.addEventListener('compositionend', function (event) {
    if (!isSearchInput(event.target)) return;
    composing = false;
    notify(event.target);
  }, true);
  document.addEventListener('input', function (event) {
    if (!isSearchInput(event.target) || composing || event.isComposing) return;
    notify(event.target);
  }, true);
})();
