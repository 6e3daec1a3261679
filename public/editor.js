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

// Two safety nets for text typed into the editor (progressive enhancement;
// without JavaScript the server keeps a form sent after the sign-in ran out):
// a warning before leaving the page with unsaved text, and a copy of the form
// in this browser's storage, offered back ("Restore the text you typed on …")
// when the page is opened again without it. Never restored without asking.
(function () {
  'use strict';
  var form = document.getElementById('editor-form');
  if (!form || !window.localStorage || !window.JSON) return;
  var owner = form.elements.namedItem('_owner');
  // One copy per person and address: someone else signing in on this browser never sees it.
  var who = owner && owner.value ? owner.value.split('.')[0] : null;
  if (!who) return;
  var KEY = 'atoz-draft:' + who + ':' + form.getAttribute('action');
  var SKIP = { _csrf: true, _owner: true, saveToken: true, intent: true };
  var dirty = false;
  var timer = null;

  function text(name) {
    return form.getAttribute('data-draft-' + name) || '';
  }
  function fields() {
    var out = {};
    for (var i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      if (el.name && !SKIP[el.name] && el.type !== 'submit' && el.type !== 'button') out[el.name] = el.value;
    }
    return out;
  }
  function sameAsForm(saved) {
    var now = fields();
    for (var name in saved) if (Object.prototype.hasOwnProperty.call(saved, name) && name in now && now[name] !== saved[name]) return false;
    return true;
  }
  function read() {
    try {
      var copy = JSON.parse(window.localStorage.getItem(KEY) || 'null');
      return copy && copy.fields && copy.savedAt ? copy : null;
    } catch (e) {
      return null;
    }
  }
  function forget() {
    try {
      window.localStorage.removeItem(KEY);
    } catch (e) {}
  }
  function keep() {
    try {
      window.localStorage.setItem(KEY, JSON.stringify({ savedAt: new Date().toISOString(), fields: fields() }));
    } catch (e) {} // storage full or off: the warning before leaving still stands
  }

  function offer(copy) {
    var box = document.createElement('div');
    box.className = 'notice draft-offer';
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', text('intro'));
    var intro = document.createElement('p');
    intro.textContent = text('intro');
    var when = new Date(copy.savedAt);
    var label;
    try {
      label = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: 'long', timeStyle: 'short' }).format(when);
    } catch (e) {
      label = when.toLocaleString();
    }
    var actions = document.createElement('p');
    var restore = document.createElement('button');
    restore.type = 'button';
    restore.className = 'button';
    restore.textContent = text('restore').split('{when}').join(label);
    var discard = document.createElement('button');
    discard.type = 'button';
    discard.className = 'link-button';
    discard.textContent = text('discard');
    actions.appendChild(restore);
    actions.appendChild(document.createTextNode(' '));
    actions.appendChild(discard);
    box.appendChild(intro);
    box.appendChild(actions);
    restore.addEventListener('click', function () {
      for (var name in copy.fields) {
        if (!Object.prototype.hasOwnProperty.call(copy.fields, name)) continue;
        var el = form.elements.namedItem(name);
        if (el && 'value' in el) el.value = copy.fields[name];
      }
      dirty = true;
      var done = document.createElement('p');
      done.setAttribute('role', 'status');
      done.setAttribute('tabindex', '-1');
      done.textContent = text('restored');
      box.replaceChildren(done);
      done.focus();
      // The live preview follows the restored text.
      form.dispatchEvent(new Event('change'));
    });
    discard.addEventListener('click', function () {
      forget();
      box.remove();
    });
    form.parentNode.insertBefore(box, form);
  }

  var copy = read();
  if (copy) {
    // Just saved, or the form already holds that text (the server kept it): nothing to offer.
    if (form.hasAttribute('data-draft-saved') || sameAsForm(copy.fields)) forget();
    else offer(copy);
  }

  form.addEventListener('input', function () {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(keep, 500);
  });
  form.addEventListener('submit', function () {
    // Sent: the server keeps it from here (or gives it back). The copy stays until the page says it was saved.
    clearTimeout(timer);
    if (dirty) keep();
    dirty = false;
  });
  window.addEventListener('beforeunload', function (event) {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = ''; // older browsers need a value; the words are the browser's own
  });
})();
