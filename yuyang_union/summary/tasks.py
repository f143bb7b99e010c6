"""Job handlers of the summary (Procrastinate imports every app's `tasks`)."""

from yuyang_union.jobs.registry import job_handler

from .jobs import FILES, write_summary_file

for kind in FILES:
    job_handler(kind)(write_summary_file)
