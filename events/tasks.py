"""Job handlers of the events app (Procrastinate imports every app's `tasks`)."""

from yuyang_union.jobs.registry import job_handler

from .exports import EXPORT_JOB, export_registrations

job_handler(EXPORT_JOB)(export_registrations)
