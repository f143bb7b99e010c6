"""The pieces of `manage.py benchmark_pages` (a command, not a timed test: nothing here
checks a speed): the baseline page, the pages it measures, and the load generator."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from tests.competitions.factories import CompetitionFactory
from tests.events.factories import EventFactory
from yuyang_union.management.benchmark_urls import BASELINE_PATH
from yuyang_union.management.commands.benchmark_pages import count_queries, public_pages
from yuyang_union.management.load_generator import burst


@pytest.mark.django_db
def test_the_baseline_exists_only_in_the_benchmarks_urls(client, settings):
    assert client.get(BASELINE_PATH).status_code == 404
    settings.ROOT_URLCONF = "yuyang_union.management.benchmark_urls"
    response = client.get(BASELINE_PATH)
    assert response.status_code == 200
    assert 'class="site-header"' in response.content.decode()  # it extends base.html


@pytest.mark.django_db
def test_the_baseline_is_one_query(client, settings, django_assert_num_queries):
    settings.ROOT_URLCONF = "yuyang_union.management.benchmark_urls"
    client.get(BASELINE_PATH)
    with django_assert_num_queries(1):
        client.get(BASELINE_PATH)


@pytest.mark.django_db
def test_every_public_page_is_measured_and_answers():
    EventFactory()
    CompetitionFactory()
    pages = public_pages()
    assert len(pages) == 10
    assert reverse("welfare:notices") in [path for _label, path in pages]
    # The join form is a form (its token differs each time): not cached, one query (townships).
    join_form = reverse("members:join")
    for _label, path in pages:
        status, first, cached = count_queries(path)
        assert status == 200, path
        if path == join_form:
            assert first == cached == 1
        else:
            # The home page and the apply page read nothing from the database for a visitor.
            assert cached <= 1 < first or path in ("/", reverse("applications:apply")), path


class _Answers(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/ok" else 404)
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(b"hello")

    def log_message(self, *args):
        pass


@pytest.fixture
def little_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_the_load_generator_counts_answers_and_errors(little_server):
    ok = burst("127.0.0.1", little_server, "/ok", clients=2, seconds=0.3)
    assert ok.requests > 0
    assert ok.errors == 0
    assert ok.rate > 0
    assert ok.mean_bytes > len(b"hello")
    missing = burst("127.0.0.1", little_server, "/missing", clients=2, seconds=0.3)
    assert missing.requests == 0
    assert missing.errors > 0
