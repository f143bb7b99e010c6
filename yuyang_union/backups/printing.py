"""How the commands print a comparison: one line per figure, table and folder of files."""

from django.core.management.base import BaseCommand, CommandError

from .operations import Comparison


def write_comparison(command: BaseCommand, comparison: Comparison, *, verbosity: int) -> None:
    """Every compared value (verbosity 2), or only the differences, then a summary line;
    CommandError (a non-zero exit) when anything differs."""
    differing = set(comparison.differences)
    shown = [row for row in comparison.rows if row in differing or verbosity >= 2]
    width = max((len(row.key) for row in shown), default=0)
    if shown:
        command.stdout.write(f"{'':7} {'':{width}} {'live':>16} {'restored':>16}")
    for row in shown:
        mark = "DIFFERENT" if row in differing else "="
        command.stdout.write(
            f"{row.kind:7} {row.key:{width}} {row.expected:>16} {row.found:>16}  {mark}"
        )
    compared = comparison.compared()
    if comparison.differences:
        raise CommandError(
            f"{len(comparison.differences)} difference(s) between the restored backup and the "
            f"live database ({compared} compared)."
        )
    command.stdout.write(command.style.SUCCESS(f"No difference: {compared} compared."))
