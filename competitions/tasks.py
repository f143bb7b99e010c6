"""Job handlers of the competitions app (Procrastinate imports every app's `tasks`)."""

from yuyang_union.jobs.registry import job_handler

from .exporting import EXPORT_JOB, export_results

job_handler(EXPORT_JOB)(export_results)
