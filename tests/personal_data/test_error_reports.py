"""A 500's report (the admins' mail, the debug page) and its log lines mask identifiers."""

import html
import io
import logging
import re
import sys
from urllib.parse import quote

import pytest
from django.core import mail
from django.core.signals import got_request_exception
from django.http import QueryDict
from django.test import RequestFactory
from django.views.debug import (
    ExceptionReporter,
    SafeExceptionReporterFilter,
    get_exception_reporter_class,
    get_exception_reporter_filter,
)

from yuyang_union.personal_data.error_reports import (
    PersonalDataReporterFilter,
    ScrubPersonalData,
    scrub_text,
)

# GB 11643's own example (its check character is an X), and a mobile number.
ID_NUMBER = "11010519491231002X"
MOBILE = "13912345678"
CLEANSED = SafeExceptionReporterFilter.cleansed_substitute


def assert_no_identifier(text):
    """Neither number, as typed or with its separators taken out, nor its digits alone."""
    compact = re.sub(r"[\s\-+]|%20|%2B", "", text)
    for number in (ID_NUMBER, ID_NUMBER.lower(), ID_NUMBER[:17], MOBILE):
        assert number not in text
        assert number not in compact


@pytest.fixture
def failed_request(client, settings):
    """A POST to tests/personal_data/error_urls.py's failing page: the response, the request
    and the exception as Django's handler saw them."""
    settings.ADMINS = [("Admin", "admin@example.cn")]
    settings.DEBUG = False
    client.raise_request_exception = False
    seen = {}

    def keep(sender, request, **kwargs):
        seen["request"], seen["exc_info"] = request, sys.exc_info()

    got_request_exception.connect(keep)
    try:
        response = client.post(
            f"/failing/{ID_NUMBER}/?q={quote(ID_NUMBER)}&caller=%2B86+{MOBILE}",
            {
                "id_number": ID_NUMBER,
                "phone": MOBILE,
                "note": f"call 139 1234 5678 or +86-{MOBILE}, ID {ID_NUMBER[:6]} "
                f"{ID_NUMBER[6:14]} {ID_NUMBER[14:]}",
            },
            HTTP_X_CALLER=f"+86 {MOBILE}",
            HTTP_REFERER=f"http://testserver/search/?q={ID_NUMBER}",
        )
    finally:
        got_request_exception.disconnect(keep)
    assert response.status_code == 500
    return response, seen["request"], seen["exc_info"]


pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.personal_data.error_urls")]


def test_the_admins_mail_shows_no_identifier_and_marks_what_it_hid(failed_request):
    assert len(mail.outbox) == 1
    report = mail.outbox[0]
    assert_no_identifier(report.subject)
    assert_no_identifier(report.body)
    assert f"id_number = '{CLEANSED}'" in report.body  # by its name
    assert f"phone = '{CLEANSED}'" in report.body
    assert "110105********002X" in report.body  # by its look, in the URL and the message
    assert "139****5678" in report.body  # the header and the free text


def test_the_report_text_and_html_show_no_identifier(failed_request):
    _response, request, exc_info = failed_request
    reporter = get_exception_reporter_class(request)(request, *exc_info)
    text = reporter.get_traceback_text()
    page = html.unescape(reporter.get_traceback_html())
    assert_no_identifier(text)
    assert_no_identifier(page)
    # The frame's locals (only in the HTML): by name, nested and in an object's repr.
    assert "<Applicant 110105********002X>" in page
    assert "[{&#x27;line&#x27;: 1, &#x27;values&#x27;: [&#x27;110105********002X" in (
        reporter.get_traceback_html()
    )
    assert re.search(r"<td>phone</td>\s*<td class=\"code\"><pre>'\*{20}'</pre>", page)


def test_djangos_own_reporter_gets_post_headers_and_locals_scrubbed_by_the_filter(
    failed_request,
):
    """The filter alone (what any reporter asks it for): POST, META, cookies, frame locals."""
    _response, request, exc_info = failed_request
    assert isinstance(get_exception_reporter_filter(request), PersonalDataReporterFilter)
    data = ExceptionReporter(request, *exc_info).get_traceback_data()
    post = dict(data["filtered_POST_items"])
    assert post["id_number"] == CLEANSED
    assert post["phone"] == CLEANSED
    assert "139****5678" in post["note"]
    assert_no_identifier(str(post))
    assert data["request_meta"]["HTTP_X_CALLER"] == "139****5678"
    assert_no_identifier(str(data["request_meta"]))
    failing_frame = next(f for f in data["frames"] if f["function"] == "failing_view")
    local_vars = dict(failing_frame["vars"])
    assert local_vars["phone"] == repr(CLEANSED)
    assert_no_identifier(str(local_vars))
    for frame in data["frames"]:
        assert_no_identifier(str(frame["vars"]))


def test_the_log_line_and_traceback_show_no_identifier(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    console = next(h for h in logging.getLogger().handlers if h.name == "console")
    written = io.StringIO()
    previous = console.setStream(written)
    try:
        response = client.get(f"/failing/{ID_NUMBER}/?q={MOBILE}")
    finally:
        console.setStream(previous)
    assert response.status_code == 500
    log = written.getvalue()
    assert "Internal Server Error: /failing/110105********002X/" in log
    assert "RuntimeError: No file for 139****5678" in log
    assert_no_identifier(log)


def test_the_logging_filter_masks_arguments_and_tracebacks():
    try:
        raise ValueError(f"no member with {ID_NUMBER}")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "axes", logging.WARNING, __file__, 1, "Login failure by %s", (MOBILE,), exc_info
    )
    assert ScrubPersonalData().filter(record)
    text = logging.Formatter().format(record)
    assert "Login failure by 139****5678" in text
    assert "ValueError: no member with 110105********002X" in text
    assert_no_identifier(text)


@pytest.mark.parametrize(
    ("typed", "masked"),
    [
        (ID_NUMBER, "110105********002X"),
        (ID_NUMBER.lower(), "110105********002X"),
        ("110105 19491231 002X", "110105********002X"),
        ("110105-1949-1231-002x", "110105********002X"),
        ("q=%20110105194912310027&x", "q=%20110105********0027&x"),
        (MOBILE, "139****5678"),
        ("139 1234 5678", "139****5678"),
        ("139-1234-5678", "139****5678"),
        ("+86 139 1234 5678", "139****5678"),
        ("+8613912345678", "139****5678"),
        ("phone=%2B86+13912345678&", "phone=139****5678&"),
        ("008613912345678", "139****5678"),
        ("电话13912345678。", "电话139****5678。"),
        (f"{ID_NUMBER}{MOBILE}", "110105********002X139****5678"),
    ],
)
def test_numbers_are_masked_however_they_are_written(typed, masked):
    assert scrub_text(typed) == masked


@pytest.mark.parametrize(
    "text",
    [
        "1234567890123456789012",  # longer than any identifier
        "23912345678",  # a mobile starts with 1
        "1391234567",  # ten digits
        "at 2024-05-01 13:12:45.678901",
    ],
)
def test_other_numbers_are_left_alone(text):
    assert scrub_text(text) == text


def test_the_filter_hides_identifier_fields_by_name_even_when_malformed():
    request = RequestFactory().post(
        "/",
        {
            "form-3-id_number": "1101",  # too short to look like one, named like one
            "phone_replacement": "139",
            "name": "冉光明",
            "remarks": f"ID {ID_NUMBER}",
        },
    )
    post = PersonalDataReporterFilter().get_post_parameters(request)
    assert post["form-3-id_number"] == CLEANSED
    assert post["phone_replacement"] == CLEANSED
    assert post["name"] == "冉光明"
    assert post["remarks"] == "ID 110105********002X"


def test_numbers_used_as_keys_are_masked_too():
    request = RequestFactory().post("/", {ID_NUMBER: "present"})
    post = PersonalDataReporterFilter().get_post_parameters(request)
    assert dict(post) == {"110105********002X": ["present"]}
    shown = PersonalDataReporterFilter().cleanse_special_types(request, {MOBILE: {"n": 1}})
    assert repr(shown) == "{'139****5678': {'n': 1}}"


def test_the_filter_scrubs_multivaluedicts_in_frame_locals():
    def fails(data):
        raise RuntimeError

    try:
        fails(QueryDict(f"id_number={ID_NUMBER}&q={MOBILE}"))
    except RuntimeError:
        tb = sys.exc_info()[2]
    while tb.tb_next is not None:
        tb = tb.tb_next
    variables = dict(PersonalDataReporterFilter().get_traceback_frame_variables(None, tb.tb_frame))
    shown = repr(variables["data"])
    assert f"'id_number': ['{CLEANSED}']" in shown
    assert "'q': ['139****5678']" in shown
