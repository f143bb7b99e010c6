"""EstimatedCountPaginator: never a COUNT of more than `exact_below` rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Member
from tests.members.factories import MemberFactory
from yuyang_union.pagination import EstimatedCountPaginator

pytestmark = pytest.mark.django_db


class SmallLimit(EstimatedCountPaginator):
    exact_below = 3


def count_with_sql(paginator):
    with CaptureQueriesContext(connection) as queries:
        count = paginator.count
    return count, [query["sql"] for query in queries.captured_queries]


def test_a_filtered_list_under_the_limit_is_counted_exactly(tree):
    MemberFactory.create_batch(3, union=tree["a1"])
    paginator = SmallLimit(Member.objects.filter(union=tree["a1"]), 50)
    assert count_with_sql(paginator)[0] == 3


def test_a_filtered_list_over_the_limit_counts_no_further_and_takes_the_estimate(tree):
    MemberFactory.create_batch(6, union=tree["a1"])
    paginator = SmallLimit(Member.objects.filter(union=tree["a1"]), 50)
    count, sql = count_with_sql(paginator)
    assert count >= 4  # at least what was counted; the planner's estimate if more
    counts = [statement for statement in sql if "COUNT(" in statement.upper()]
    assert counts
    assert all("LIMIT 4" in statement for statement in counts)
    assert any(statement.upper().startswith("EXPLAIN") for statement in sql)


def test_a_big_unfiltered_table_is_estimated_from_the_catalogue(tree):
    MemberFactory.create_batch(5, union=tree["a1"])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE members_member")
    count, sql = count_with_sql(SmallLimit(Member.objects.all(), 50))
    assert count == 5  # the statistics ANALYZE just took
    assert not any("COUNT(" in statement.upper() for statement in sql)


def test_a_list_that_is_no_queryset_is_counted(tree):
    assert EstimatedCountPaginator([1, 2, 3], 2).count == 3
