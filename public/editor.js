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

  var DELAY_MS = 800;
  var timer = null;
  var pending = null;
  var sequence = 0;

  function say(text) {
    // A live region announces changes only: the same words twice are not read out again.
    if (status.textContent !== text) status.textContent = text;
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
        if (response.status === 429) throw new Error('you are typing faster than the preview can follow; it will catch up in a minute');
        if (!response.ok) throw new Error('the server answered ' + response.status);
        return response.json();
      })
      .then(function (result) {
        if (mine !== sequence) return;
        if (result.preview) body.innerHTML = result.preview;
        readability.innerHTML = result.readability;
        say(result.problems.length ? 'Preview of what could be read so far. ' + result.problems.join(' ') : 'Preview updated as you type.');
      })
      .catch(function (error) {
        if (error && error.name === 'AbortError') return;
        say('The preview could not be updated: ' + error.message + '. Press “Preview” to try again.');
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
