"""The page as a phone shows it: nothing wider than the screen, lists as labelled cards."""

# Every `table.list` row laid out as a block (a card) and each labelled cell showing its
# column's heading before the value (site.css, js/record-cards.js); a table marked
# `fits-phone` stays a table (the page must still fit the screen).
_LIST_LAYOUT = """() => Array.from(document.querySelectorAll('table.list:not(.fits-phone)'))
  .map((table) => {
  const rows = Array.from(table.querySelectorAll('tbody tr'));
  const cells = Array.from(table.querySelectorAll('tbody td'));
  // A cell spanning the whole row ("nothing yet") has no column, so no label.
  const single = cells.filter((cell) => cell.colSpan === 1);
  const labelled = single.filter((cell) => cell.dataset.label);
  return {
    table: (table.className + ' ' + (table.closest('section, main') || {}).tagName).trim(),
    rowDisplays: Array.from(new Set(rows.map((row) => getComputedStyle(row).display))),
    headings: Array.from(table.querySelectorAll('thead th'))
      .map((th) => th.textContent.trim()).filter((text) => text),
    cells: single.length,
    labelled: labelled.length,
    shownLabels: Array.from(new Set(labelled.map(
      (cell) => getComputedStyle(cell, '::before').content.replace(/^"|"$/g, '')))),
  };
})"""


# Cells whose text wraps onto more than one line (a squeezed column: "土/家/族").
_SQUEEZED_CELLS = """(selector) => Array.from(document.querySelectorAll(selector))
  .filter((cell) => {
  const size = parseFloat(getComputedStyle(cell).fontSize);
  const tops = [];
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    if (!walker.currentNode.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(walker.currentNode);
    for (const rect of range.getClientRects()) {
      if (!tops.some((top) => Math.abs(top - rect.top) < size / 2)) tops.push(rect.top);
    }
  }
  return tops.length > 1;
}).map((cell) => cell.textContent.trim()).slice(0, 5)"""


def squeezed_cells(page, selector):
    """The texts of the cells matching `selector` that wrap onto several lines."""
    return page.evaluate(_SQUEEZED_CELLS, selector)


def sideways_overflow(page):
    """How many pixels the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate("Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")


def list_layouts(page):
    return page.evaluate(_LIST_LAYOUT)


class PhoneReport:
    """Collects what does not fit a phone on many pages, then fails once naming them all."""

    def __init__(self):
        self.failures = []

    def check(self, page, where=None, *, lists_expected=False):
        where = where or page.url
        overflow = sideways_overflow(page)
        if overflow:
            wide = page.evaluate(
                """() => Array.from(document.querySelectorAll('body *'))
                  .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
                  .slice(0, 5).map((el) => el.tagName.toLowerCase() +
                    (el.id ? '#' + el.id : '') +
                    (el.className && typeof el.className === 'string'
                      ? '.' + el.className.trim().split(/\\s+/).join('.') : ''))"""
            )
            self.failures.append(f"{where}: {overflow}px wider than the phone ({wide})")
        layouts = list_layouts(page)
        if lists_expected and not layouts:
            self.failures.append(f"{where}: no list table on the page")
        for layout in layouts:
            if layout["rowDisplays"] and layout["rowDisplays"] != ["block"]:
                self.failures.append(f"{where}: rows of {layout['table']} not cards: {layout}")
            if layout["headings"] and layout["cells"] and not layout["labelled"]:
                self.failures.append(f"{where}: cells of {layout['table']} unlabelled")
            stray = set(layout["shownLabels"]) - set(layout["headings"])
            if stray:
                self.failures.append(f"{where}: labels {stray} are no heading of {layout}")

    def assert_clean(self):
        assert not self.failures, "Not fit for a 375-px phone:\n" + "\n".join(self.failures)
