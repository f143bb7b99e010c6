"""Competitions' job kinds (registered in every process by Procrastinate's autodiscovery)."""

from yuyang_union.jobs.registry import job_handler

from .import_jobs import KIND, import_entries_job

job_handler(KIND)(import_entries_job)
