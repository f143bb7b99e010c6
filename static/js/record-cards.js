'use strict';
// Lists on a phone: under 600 px every `table.list` is laid out as stacked cards (site.css),
// one card a row, each cell preceded by its column's heading. The headings are written once,
// in the table's <thead>; this copies each one onto the cells of its column as `data-label`
// (which the CSS shows before the value), so no template repeats them cell by cell. A cell
// that already carries a data-label keeps it; a cell spanning several columns gets none.
(function () {
  function headings(table) {
    var head = table.tHead;
    if (!head || !head.rows.length) {
      return null;
    }
    var labels = [];
    var cells = head.rows[head.rows.length - 1].cells;
    for (var i = 0; i < cells.length; i++) {
      var text = cells[i].textContent.replace(/\s+/g, ' ').trim();
      for (var span = 0; span < (cells[i].colSpan || 1); span++) {
        labels.push(text);
      }
    }
    return labels;
  }

  function label(table) {
    var labels = headings(table);
    if (!labels) {
      return;
    }
    for (var b = 0; b < table.tBodies.length; b++) {
      var rows = table.tBodies[b].rows;
      for (var r = 0; r < rows.length; r++) {
        var column = 0;
        var cells = rows[r].cells;
        for (var c = 0; c < cells.length; c++) {
          var cell = cells[c];
          var span = cell.colSpan || 1;
          if (span === 1 && labels[column] && !cell.hasAttribute('data-label')) {
            cell.setAttribute('data-label', labels[column]);
          }
          column += span;
        }
      }
    }
  }

  var tables = document.querySelectorAll('table.list');
  for (var t = 0; t < tables.length; t++) {
    label(tables[t]);
  }
})();
