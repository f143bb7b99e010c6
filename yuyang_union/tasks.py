"""The toolkit's job kinds, registered in every process by Procrastinate's autodiscovery of
`tasks` modules: the Excel imports (`yuyang_union.excel.import_jobs`)."""

from yuyang_union.excel import import_jobs

__all__ = ["import_jobs"]
