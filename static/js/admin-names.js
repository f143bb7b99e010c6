'use strict';
// Accessible names for what the admin's scripts draw without one (WCAG 4.1.2): select2's
// pickers (a combobox named only by the value it shows, a search box with no label), the
// split date and time boxes, treebeard's expand/collapse links. Names come from the form's
// own labels, so they are as Chinese as the page. Runs again whenever the page grows (an
// inline row added, a picker drawn, a branch of the tree opened).
(function () {
  // Words from the template (translated there): data-tree-toggle on this script's tag.
  var expandLabel = document.currentScript.dataset.treeToggle;

  function labelFor(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    if (label) {
      return label;
    }
    // An inline row's field: its column's heading.
    var cell = select.closest('td');
    var table = cell && cell.closest('table');
    if (table && table.tHead) {
      var heading = table.tHead.rows[0].cells[cell.cellIndex];
      if (heading) {
        if (!heading.id) {
          heading.id = (select.id || 'field') + '-heading';
        }
        return heading;
      }
    }
    return null;
  }

  function text(element) {
    return element.textContent.replace(/\s+/g, ' ').replace(/[:：]\s*$/, '').trim();
  }

  function namePickers() {
    document.querySelectorAll('select.admin-autocomplete').forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains('select2')) {
        return;
      }
      var label = labelFor(select);
      if (!label) {
        return;
      }
      if (!label.id) {
        label.id = select.id + '-label';
      }
      // The label first, then what is chosen (select2's own container).
      container.querySelectorAll('.select2-selection[role=combobox]').forEach(function (box) {
        var shown = box.getAttribute('aria-labelledby') || '';
        if (shown.split(' ').indexOf(label.id) === -1) {
          box.setAttribute('aria-labelledby', (label.id + ' ' + shown).trim());
        }
      });
      // The box showing the choice (role=textbox): named by the label too, else it is
      // nameless while nothing is chosen.
      container.querySelectorAll('.select2-selection__rendered[role=textbox]').forEach(function (shown) {
        if (!shown.hasAttribute('aria-labelledby')) {
          shown.setAttribute('aria-labelledby', label.id);
        }
      });
      container.querySelectorAll('.select2-search__field').forEach(function (search) {
        if (!search.hasAttribute('aria-label')) {
          search.setAttribute('aria-label', text(label));
        }
      });
    });
  }

  function nameDateTimeBoxes() {
    // <p class="datetime">日期：<input id="id_x_0"><br>时间：<input id="id_x_1"></p>
    document.querySelectorAll('p.datetime').forEach(function (paragraph) {
      var field = paragraph.closest('.form-row, td, fieldset');
      var label = field && field.querySelector('label, legend');
      var prefix = label ? text(label) + ' ' : '';
      paragraph.querySelectorAll('input').forEach(function (input) {
        var before = input.previousSibling;
        while (before && before.nodeType !== Node.TEXT_NODE) {
          before = before.previousSibling;
        }
        var part = before ? before.textContent.replace(/[:：]/g, '').trim() : '';
        if (!input.hasAttribute('aria-label') && (prefix || part)) {
          input.setAttribute('aria-label', (prefix + part).trim());
        }
      });
    });
  }

  function nameTreeToggles() {
    document.querySelectorAll('a.treebeard-collapse:not([aria-label])').forEach(function (link) {
      link.setAttribute('aria-label', expandLabel);
    });
  }

  function nameAll() {
    namePickers();
    nameDateTimeBoxes();
    nameTreeToggles();
  }

  var pending = false;
  function soon() {
    if (!pending) {
      pending = true;
      window.setTimeout(function () { pending = false; nameAll(); }, 0);
    }
  }

  window.addEventListener('load', function () {
    nameAll();
    new MutationObserver(soon).observe(document.body, {childList: true, subtree: true});
  });
})();
