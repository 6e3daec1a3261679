// Progressive enhancements: nothing here is needed to read or use a page.
(function () {
  'use strict';

  // A first-visit language suggestion from the browser's own preference (what Accept-Language carries):
  // offered once, in the reader's language, never a redirect. Pages stay the same for every reader (cacheable).
  var STORAGE_KEY = 'atoz-language-suggested';
  function suggestLanguage() {
    try {
      if (window.localStorage.getItem(STORAGE_KEY)) return;
    } catch (e) {
      return; // storage off: never nag on every page
    }
    var current = document.documentElement.lang;
    var preferred = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || '']).map(function (l) {
      return String(l).toLowerCase().split('-')[0];
    });
    for (var i = 0; i < preferred.length; i++) {
      if (preferred[i] === current) return; // already reading in a language they prefer
      var link = document.querySelector('link[rel="alternate"][hreflang="' + preferred[i] + '"][data-suggestion]');
      if (link) return show(link, preferred[i]);
    }
  }
  function remember() {
    try {
      window.localStorage.setItem(STORAGE_KEY, '1');
    } catch (e) {}
  }
  function show(link, lang) {
    var box = document.createElement('aside');
    box.className = 'language-suggestion wrap';
    box.lang = lang;
    box.dir = link.getAttribute('data-dir') || 'auto'; // English words on an Arabic page read left to right
    box.setAttribute('aria-label', link.getAttribute('data-name'));
    var text = document.createElement('p');
    text.appendChild(document.createTextNode(link.getAttribute('data-suggestion') + ' '));
    var go = document.createElement('a');
    go.href = link.getAttribute('href');
    go.hreflang = lang;
    go.textContent = link.getAttribute('data-name');
    go.addEventListener('click', remember);
    text.appendChild(go);
    text.appendChild(document.createTextNode(' '));
    var no = document.createElement('button');
    no.type = 'button';
    no.className = 'link-button';
    no.textContent = link.getAttribute('data-dismiss');
    no.addEventListener('click', function () {
      remember();
      box.remove();
    });
    text.appendChild(no);
    box.appendChild(text);
    var skip = document.querySelector('.skip-link');
    (skip ? skip.parentNode : document.body).insertBefore(box, skip ? skip.nextSibling : document.body.firstChild);
  }

  // Print buttons are in the page, hidden, because without JavaScript they could not work (the browser's own Print still does).
  function enablePrintButtons() {
    var buttons = document.querySelectorAll('button[data-print]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener('click', function () {
        window.print();
      });
    }
  }

  suggestLanguage();
  enablePrintButtons();
})();
