"""While the database cannot be reached: 503 with a Chinese maintenance page and Retry-After
on every page, one log line per interval (yuyang_union/outage/)."""

import logging

import pytest
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from yuyang_union.outage.page import RETRY_AFTER_SECONDS, server_error
from yuyang_union.outage.report import OUTAGE_LOG

PAGES = [
    "/",  # public
    "/events/",  # public list
    "/staff/",  # staff home
    "/staff/welfare/grants/approval/",  # staff page of money
    "/admin/",  # admin
    "/admin/members/member/",
    "/accounts/login/",  # sign-in
]
MAINTENANCE = "平台暂时无法访问"


@pytest.fixture
def outage_log():
    OUTAGE_LOG.reset()
    yield OUTAGE_LOG
    OUTAGE_LOG.reset()


@pytest.fixture
def unreachable_database(django_db_setup, django_db_blocker, tmp_path, outage_log):
    """The site's connection points at a folder where no server listens (its socket is gone)."""
    saved = dict(connection.settings_dict)
    with django_db_blocker.unblock():
        connection.close()
        connection.settings_dict["HOST"] = str(tmp_path)
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict.update(saved)


@pytest.fixture
def log(caplog):
    """Every record of every logger at INFO and above (read `log.records` in the test)."""
    caplog.set_level(logging.INFO)
    return caplog


@pytest.mark.usefixtures("unreachable_database")
@pytest.mark.parametrize("page", PAGES)
def test_every_page_answers_503_in_chinese_with_retry_after(page):
    client = Client()
    # A signed-in user's cookie changes nothing: the session needs the database too.
    client.cookies["sessionid"] = "a-session-of-a-signed-in-user"

    response = client.get(page)

    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert MAINTENANCE in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.usefixtures("unreachable_database")
def test_a_form_sent_during_the_outage_gets_the_page_too():
    response = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"username": "zuzhi", "password": "x"}
    )
    assert response.status_code == 503
    assert MAINTENANCE in response.content.decode()


@pytest.mark.usefixtures("unreachable_database")
def test_the_health_check_answers_503():
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)


@pytest.mark.usefixtures("unreachable_database")
def test_static_files_are_still_served(settings):
    settings.WHITENOISE_USE_FINDERS = True  # the source folders: no collectstatic needed
    response = Client().get("/static/css/site.css")
    assert response.status_code == 200


@pytest.mark.usefixtures("unreachable_database")
def test_a_hundred_requests_write_one_log_record(log):
    client = Client()
    statuses = {client.get(PAGES[i % len(PAGES)]).status_code for i in range(100)}

    assert statuses == {503}
    assert [(r.name, r.levelname) for r in log.records] == [("yuyang_union.outage", "WARNING")]
    assert "Database unreachable" in log.records[0].getMessage()


@pytest.mark.usefixtures("unreachable_database")
def test_the_log_reports_again_after_the_interval(log, outage_log):
    client = Client()
    client.get("/")
    client.get("/")
    outage_log.last_report -= outage_log.interval  # a minute later
    client.get("/")

    assert len(log.records) == 2
    assert "2 request(s) answered 503 since the last report" in log.records[1].getMessage()


def test_the_handler500_answers_the_page_for_an_outage_met_inside_a_middleware(
    unreachable_database, rf
):
    with pytest.raises(OperationalError) as raised:
        connection.ensure_connection()
    try:
        raise raised.value
    except OperationalError:
        # As Django calls it: while handling the exception, no process_exception having
        # answered (the session middleware saving the session, for one).
        response = server_error(rf.get("/"))
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response._has_been_logged  # django.request leaves it to the outage log


# A server that goes away while a view runs, and errors that are not outages.
def view_whose_server_goes_away(request):
    with connection.cursor() as cursor:
        # The server ends this very connection, as a restart or a crash of the server would.
        cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
    return HttpResponse("unreachable")


def view_with_a_deadlock(request):
    # An OperationalError on a connection that still works: a fault, not an outage.
    raise OperationalError("deadlock detected")


def view_that_works(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok")


urlpatterns = [
    path("goes-away/", view_whose_server_goes_away),
    path("deadlock/", view_with_a_deadlock),
    path("works/", view_that_works),
]


@pytest.fixture
def database_of_the_test(django_db_setup, django_db_blocker, outage_log):
    """Requests that reach the test database outside a test transaction, as a live site."""
    with django_db_blocker.unblock():
        yield
        connection.close()


@pytest.mark.urls(__name__)
@pytest.mark.usefixtures("database_of_the_test")
def test_a_server_gone_during_a_view_gives_the_page_then_the_site_comes_back(log):
    client = Client()

    gone = client.get("/goes-away/")
    back = client.get("/works/")

    assert gone.status_code == 503
    assert MAINTENANCE in gone.content.decode()
    assert back.status_code == 200
    messages = [r.getMessage() for r in log.records]
    assert len(messages) == 2
    assert messages[0].startswith("Database unreachable")
    assert messages[1].startswith("Database reachable again")


@pytest.mark.urls(__name__)
@pytest.mark.usefixtures("database_of_the_test")
def test_an_error_on_a_working_connection_stays_a_500(log):
    response = Client(raise_request_exception=False).get("/deadlock/")

    assert response.status_code == 500
    assert any(r.name == "django.request" and r.exc_info for r in log.records)
