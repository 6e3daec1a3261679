// The static copy's search page (/static-search?q=…): runs the query in the
// browser against the pagefind index of the page's language, published beside
// the pages. Without JavaScript the page says so and links to the A–Z index.
(function () {
  'use strict';
  var MAX_RESULTS = 30;
  var root = document.getElementById('static-search');
  if (!root) return;
  var status = document.getElementById('static-search-status');
  var list = document.getElementById('static-search-results');
  var relativeBundle = (root.getAttribute('data-bundle') || '').charAt(0) !== '/';
  var query = (new URLSearchParams(location.search).get('q') || '').slice(0, 200);
  var box = document.getElementById('site-search');
  if (box) box.value = query;

  function say(template, count) {
    status.textContent = template.replace('{query}', query.trim()).replace('{count}', count === undefined ? '' : String(count));
  }

  // Chinese and Japanese have no spaces between words: split them as the index was (Intl.Segmenter).
  var CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+/g;
  function splitCjk(text) {
    if (typeof Intl === 'undefined' || !Intl.Segmenter) return text;
    return text.replace(CJK, function (run) {
      var lang = /[\u3040-\u30ff]/.test(run) ? 'ja' : 'zh';
      var words = [];
      var segments = new Intl.Segmenter(lang, { granularity: 'word' }).segment(run);
      for (var s of segments) if (s.isWordLike) words.push(s.segment);
      return ' ' + words.join(' ') + ' ';
    });
  }

  // Pagefind's excerpt is text with <mark> around the words found: keep only those two.
  function excerptNodes(html) {
    var doc = new DOMParser().parseFromString('<body>' + html + '</body>', 'text/html');
    var out = document.createDocumentFragment();
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeType === 3) out.appendChild(document.createTextNode(node.textContent));
      else if (node.nodeName === 'MARK') {
        var mark = document.createElement('mark');
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else out.appendChild(document.createTextNode(node.textContent || ''));
    });
    return out;
  }

  function show(results) {
    results.forEach(function (r) {
      var item = document.createElement('li');
      item.className = 'search-result';
      var heading = document.createElement('h3');
      heading.className = 'result-title';
      var link = document.createElement('a');
      // pagefind starts every address with "/": an offline pack's are relative to its folder.
      link.href = relativeBundle ? r.url.replace(/^\/+/, '') : r.url;
      link.textContent = (r.meta && r.meta.title) || r.url;
      heading.appendChild(link);
      item.appendChild(heading);
      if (r.excerpt) {
        var p = document.createElement('p');
        p.appendChild(excerptNodes(r.excerpt));
        item.appendChild(p);
      }
      list.appendChild(item);
    });
  }

  if (!query.trim()) {
    say(root.getAttribute('data-empty'));
    return;
  }
  say(root.getAttribute('data-searching'));
  // Relative to the page, not to this script (an offline pack names it "pagefind/").
  import(new URL(root.getAttribute('data-bundle') + 'pagefind.js', document.baseURI).href)
    .then(function (pagefind) {
      return pagefind.search(splitCjk(query)).then(function (search) {
        return Promise.all(search.results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); })).then(function (data) {
          show(data);
          say(root.getAttribute(data.length ? 'data-found' : 'data-none'), search.results.length);
        });
      });
    })
    .catch(function () {
      say(root.getAttribute('data-failed'));
    });
})();
