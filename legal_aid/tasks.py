"""Job handlers of the legal services (Procrastinate imports every app's `tasks`)."""

from yuyang_union.jobs.registry import job_handler

from .exports import EXPORT_JOB, export_cases

job_handler(EXPORT_JOB)(export_cases)
