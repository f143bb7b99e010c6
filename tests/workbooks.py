"""Excel files for the tests: a sheet of a header row and data rows, as .xlsx bytes."""

import io

import openpyxl


def xlsx_bytes(headers, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def job_of(response):
    """The job an export started: its response is a redirect to the job's page."""
    from django.urls import resolve

    from yuyang_union.jobs.models import Job

    assert response.status_code == 302, getattr(response, "content", b"")[:500]
    match = resolve(response["Location"])
    assert match.view_name == "jobs:detail", response["Location"]
    return Job.objects.get(pk=match.kwargs["pk"])


def result_bytes(job):
    """The job's result file as it is downloaded (decrypted when it holds personal data)."""
    from yuyang_union.jobs.files import read_result

    job.refresh_from_db()
    assert job.state == "succeeded", (job.state, job.message)
    return b"".join(read_result(job.result_file, encrypted=job.result_personal))


def result_rows(job):
    """The rows of the first sheet of the job's workbook."""
    book = openpyxl.load_workbook(io.BytesIO(result_bytes(job)))
    return list(book.worksheets[0].iter_rows(values_only=True))
