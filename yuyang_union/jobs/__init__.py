"""Long work in the background: jobs on the Procrastinate queue, watched by their owners.

A web request that would take more than a second (an import, an export, a report) starts a
`Job` instead (`services.start_job`) and answers at once with the job's page. The job runs in
a worker process (`manage.py procrastinate worker`, any number of them, on any machine that
reaches the database): the one Procrastinate task `run_job` looks up the job's kind in
`registry` and calls its handler with a `JobRun`, through which the handler reports progress,
errors and its result file, and learns that its owner cancelled it.

- `models.Job`: owner, kind, state, progress (done / total), message, errors, result file.
- `running.JobRun`: what a handler sees; progress is written on a connection of its own, so
  it shows while the handler's own writes wait for their commit.
- `files`: result files, encrypted when they hold personal data, deleted once expired.
- `views`: "我的任务" (`/jobs/`), one job's page, their JSON for the polling script
  (`static/js/jobs.js`), cancel and download.
- `tasks`: the Procrastinate task that runs jobs, and the periodic purge of expired results.
"""
