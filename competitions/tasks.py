"""Competitions' job kinds (Procrastinate imports every app's `tasks` in every process): the
entries import and the results export."""

from yuyang_union.excel.import_jobs import discard_inputs
from yuyang_union.jobs.registry import job_handler

from .exporting import EXPORT_JOB, export_results
from .import_jobs import KIND, import_entries_job

job_handler(KIND, discard=discard_inputs)(import_entries_job)
job_handler(EXPORT_JOB)(export_results)
