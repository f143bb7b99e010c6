"""Job handlers of the toolkit's own work (Procrastinate imports every app's `tasks`)."""

from yuyang_union.excel.export_admin import EXPORT_JOB
from yuyang_union.excel.exporting import export_changelist
from yuyang_union.jobs.registry import job_handler

job_handler(EXPORT_JOB)(export_changelist)
