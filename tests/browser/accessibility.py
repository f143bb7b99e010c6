"""axe-core in the browser tests: WCAG 2.0/2.1 A and AA (GB/T 37668 asks the same), run on the
page as the browser shows it.

axe-core is a vendored test asset (tests/browser/vendor/axe-core/, its licence beside it),
evaluated in the page under test; the site never serves it and nothing comes from a CDN.
"""

from pathlib import Path

AXE_VERSION = "4.14.1"
AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => ({
      target: node.target.join(' '),
      summary: node.failureSummary,
    })),
  }));
}"""


def axe_violations(page):
    """The WCAG A/AA violations axe-core finds on the page now, as plain dicts."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the site's Content-Security-Policy
        # (script-src 'self') does not govern: an injected <script> tag would be refused, and
        # the policy stays as production sends it.
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    assert page.evaluate("axe.version") == AXE_VERSION
    return page.evaluate(_RUN_AXE, WCAG_TAGS)


def describe(violations, where):
    """One readable paragraph a violation: the rule, what it asks, each element and why."""
    lines = []
    for violation in violations:
        lines.append(f"{where}: {violation['rule']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}: {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


class AccessibilityReport:
    """Collects the violations of many pages, so one sweep names every page that fails."""

    def __init__(self):
        self.failures = []

    def check(self, page, where=None):
        violations = axe_violations(page)
        if violations:
            self.failures.append(describe(violations, where or page.url))

    def assert_clean(self):
        assert not self.failures, "axe-core found WCAG violations:\n" + "\n".join(self.failures)
