'use strict';
// Search pickers (yuyang_union/pickers.py): what is typed is posted (never put in a URL: it
// may be an ID number) to the picker's search; the rows found are listed under the box, and
// choosing one puts its key in the hidden input. Arrow keys move through the list, Enter
// chooses, Escape closes. Without this script the form finds the row from the text typed.
(function () {
  var DELAY_MS = 250;

  function csrfToken(picker) {
    var form = picker.closest('form');
    var input = form && form.querySelector('input[name=csrfmiddlewaretoken]');
    return input ? input.value : '';
  }

  function setUp(picker) {
    var hidden = picker.querySelector('input[type=hidden]');
    var box = picker.querySelector('input[role=combobox]');
    var list = picker.querySelector('[role=listbox]');
    var status = picker.querySelector('[role=status]');
    var timer = null;
    var request = null;
    var active = -1;
    var rows = [];

    function options() {
      return list.querySelectorAll('[role=option]');
    }

    function close() {
      list.hidden = true;
      box.setAttribute('aria-expanded', 'false');
      box.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function highlight(index) {
      var items = options();
      if (!items.length) {
        return;
      }
      active = (index + items.length) % items.length;
      for (var i = 0; i < items.length; i++) {
        items[i].setAttribute('aria-selected', i === active ? 'true' : 'false');
      }
      box.setAttribute('aria-activedescendant', items[active].id);
      items[active].scrollIntoView({block: 'nearest'});
    }

    function choose(index) {
      var row = rows[index];
      if (!row) {
        return;
      }
      hidden.value = row.id;
      box.value = row.text;
      close();
      presetOther(row);
      picker.dispatchEvent(new CustomEvent('picker:chosen', {bubbles: true, detail: row}));
    }

    // A chosen row may preset another picker of the form (a member's union): still changeable.
    function presetOther(row) {
      var form = picker.closest('form');
      var name = picker.dataset.pickerFills;
      var target = name && row.fills && form && form.querySelector('input[type=hidden][name="' + name + '"]');
      var other = target && target.closest('.picker');
      if (other) {
        target.value = row.fills.id;
        other.querySelector('input[role=combobox]').value = row.fills.text;
      }
    }

    function show(data) {
      rows = data.results || [];
      list.textContent = '';
      rows.forEach(function (row, index) {
        var item = document.createElement('li');
        item.id = box.id + '_option_' + index;
        item.setAttribute('role', 'option');
        item.setAttribute('aria-selected', 'false');
        item.textContent = row.text;
        item.addEventListener('mousedown', function (event) {
          event.preventDefault();  // keep the focus in the box
          choose(index);
        });
        list.appendChild(item);
      });
      var message = !rows.length ? picker.dataset.pickerNone : (data.more ? picker.dataset.pickerMore : '');
      if (message && !(picker.dataset.pickerFree && !rows.length)) {
        var note = document.createElement('li');
        note.className = 'picker-note';
        note.textContent = message;
        list.appendChild(note);
      }
      status.textContent = message || '';
      list.hidden = !list.children.length;
      box.setAttribute('aria-expanded', list.hidden ? 'false' : 'true');
      active = -1;
    }

    function search() {
      var term = box.value.trim();
      if (request) {
        request.abort();
      }
      if (!term) {
        show({results: []});
        close();
        return;
      }
      request = new XMLHttpRequest();
      request.open('POST', picker.dataset.pickerUrl);
      request.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
      request.setRequestHeader('X-CSRFToken', csrfToken(picker));
      request.onload = function () {
        if (request.status === 200) {
          show(JSON.parse(request.responseText));
        }
      };
      request.send('term=' + encodeURIComponent(term));
    }

    box.addEventListener('input', function () {
      hidden.value = '';  // a changed text is no longer the row chosen
      clearTimeout(timer);
      timer = setTimeout(search, DELAY_MS);
    });
    box.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (list.hidden) {
          search();
        } else {
          highlight(active + (event.key === 'ArrowDown' ? 1 : -1));
        }
      } else if (event.key === 'Enter' && !list.hidden && active >= 0) {
        event.preventDefault();  // choose, do not send the form yet
        choose(active);
      } else if (event.key === 'Escape' && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    box.addEventListener('blur', close);
  }

  function setUpAll() {
    var pickers = document.querySelectorAll('.picker[data-picker-url]');
    for (var i = 0; i < pickers.length; i++) {
      setUp(pickers[i]);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', setUpAll);
  } else {
    setUpAll();
  }
})();
