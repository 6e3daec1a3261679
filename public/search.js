// Type-ahead for the search boxes: the WAI-ARIA 1.2 combobox pattern (list
// autocomplete, no automatic selection). Without this script the boxes are
// plain search forms that still work.
(function () {
  'use strict';
  var MIN_CHARS = 2;
  var DELAY_MS = 150;

  function enhance(input) {
    if (input.getAttribute('role') === 'combobox') return;
    var form = input.form;
    var listId = input.id + '-suggestions';
    var list = document.createElement('ul');
    list.id = listId;
    list.className = 'search-suggestions';
    list.setAttribute('role', 'listbox');
    // The page's language speaks here: the server writes the words on the input (data-suggestions-label).
    var listLabel = input.getAttribute('data-suggestions-label');
    if (listLabel) list.setAttribute('aria-label', listLabel);
    list.hidden = true;
    var status = document.createElement('div');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    input.insertAdjacentElement('afterend', list);
    list.insertAdjacentElement('afterend', status);

    // ARIA in HTML allows role=combobox on a text input, not on type=search
    // (the Nu checker refuses it there), so the enhanced box becomes a text
    // input that keeps the search keyboard; without this script it stays type=search.
    input.type = 'text';
    input.setAttribute('enterkeyhint', 'search');
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);

    // /es/api/search/suggest for a Spanish page: suggestions link to pages in that language.
    var suggestUrl = input.getAttribute('data-suggest-url') || '/api/search/suggest';
    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var lastQuery = null;

    function open() {
      if (!items.length) return close();
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      setActive(-1);
    }

    function setActive(index) {
      var options = list.querySelectorAll('[role="option"]');
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute('aria-selected', i === index ? 'true' : 'false');
        options[i].classList.toggle('is-active', i === index);
      }
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute('aria-activedescendant', options[index].id);
        options[index].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function render(suggestions, statusText) {
      items = suggestions;
      list.textContent = '';
      suggestions.forEach(function (s, i) {
        var li = document.createElement('li');
        li.id = listId + '-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        var label = document.createElement('span');
        label.className = 'suggestion-label';
        label.textContent = s.label;
        li.appendChild(label);
        if (s.context) {
          var context = document.createElement('span');
          context.className = 'suggestion-context';
          context.textContent = s.context;
          li.appendChild(context);
        }
        // mousedown, not click: the box keeps focus, so the list is not closed by blur first.
        li.addEventListener('mousedown', function (event) {
          event.preventDefault();
          go(i);
        });
        list.appendChild(li);
      });
      // Counted and worded by the server in the reader's language.
      status.textContent = suggestions.length && statusText ? statusText : '';
      if (suggestions.length && document.activeElement === input) open();
      else close();
    }

    function go(index) {
      var s = items[index];
      if (s) window.location.assign(s.url);
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q === lastQuery) return open();
      lastQuery = q;
      if (controller) controller.abort();
      if (q.length < MIN_CHARS || q.length > 200) return render([]);
      controller = new AbortController();
      fetch(suggestUrl + '?q=' + encodeURIComponent(q), { signal: controller.signal, headers: { accept: 'application/json' } })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (body) {
          if (input.value.trim() === q) render(Array.isArray(body.suggestions) ? body.suggestions : [], typeof body.status === 'string' ? body.status : '');
        })
        .catch(function () {
          /* aborted or offline: the form still submits */
        });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener('keydown', function (event) {
      var expanded = !list.hidden;
      switch (event.key) {
        case 'ArrowDown':
          event.preventDefault();
          if (!expanded) {
            open();
            if (event.altKey) return;
          }
          if (items.length) setActive(active + 1 >= items.length ? 0 : active + 1);
          break;
        case 'ArrowUp':
          event.preventDefault();
          if (!expanded) open();
          if (items.length) setActive(active <= 0 ? items.length - 1 : active - 1);
          break;
        case 'Enter':
          if (expanded && active >= 0) {
            event.preventDefault();
            go(active);
          }
          break;
        case 'Escape':
          if (expanded) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = '';
            lastQuery = null;
            render([]);
          }
          break;
        case 'Tab':
          close();
          break;
      }
    });

    input.addEventListener('blur', function () {
      close();
    });
    input.addEventListener('focus', function () {
      if (items.length && input.value.trim() === lastQuery) open();
    });
    if (form) form.addEventListener('submit', close);
  }

  var inputs = document.querySelectorAll('#site-search, input[data-search-suggest]');
  for (var i = 0; i < inputs.length; i++) if (inputs[i].id) enhance(inputs[i]);
})();
