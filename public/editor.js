// The page editor's live preview (progressive enhancement): a short pause in
// typing posts the form to its own address with intent=live-preview and shows
// the rendered page and readability. Without JavaScript the "Preview" button
// does the same with a full page load.
(function () {
  'use strict';
  var form = document.getElementById('editor-form');
  var body = document.getElementById('preview-body');
  var status = document.getElementById('preview-status');
  var readability = document.getElementById('readability-region');
  if (!form || !body || !status || !readability || !window.fetch || !window.FormData || !window.URLSearchParams || !window.AbortController) return;

  // Every word the script says comes from the page, in the editor's language (data- attributes on the form).
  function text(name) {
    return form.getAttribute('data-preview-' + name) || '';
  }
  function fill(template, name, value) {
    return template.split('{' + name + '}').join(value);
  }

  var DELAY_MS = 800;
  var timer = null;
  var pending = null;
  var sequence = 0;

  function say(words) {
    // A live region announces changes only: the same words twice are not read out again.
    if (status.textContent !== words) status.textContent = words;
  }

  function refresh() {
    var data = new URLSearchParams(new FormData(form));
    data.set('intent', 'live-preview');
    var mine = ++sequence;
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(form.action, {
      method: 'POST',
      body: data,
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      signal: pending.signal,
    })
      .then(function (response) {
        if (response.status === 429) throw new Error(text('too-fast'));
        if (!response.ok) throw new Error(fill(text('server'), 'status', String(response.status)));
        return response.json();
      })
      .then(function (result) {
        if (mine !== sequence) return;
        if (result.preview) body.innerHTML = result.preview;
        readability.innerHTML = result.readability;
        say(result.problems.length ? text('partial') + ' ' + result.problems.join(' ') : text('updated'));
      })
      .catch(function (error) {
        if (error && error.name === 'AbortError') return;
        say(fill(text('failed'), 'reason', error.message));
      });
  }

  form.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, DELAY_MS);
  });
  form.addEventListener('change', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, DELAY_MS);
  });
})();
