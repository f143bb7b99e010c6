"""How fast is the summary, and how far from the database's own speed?

Prints, for a period (default since the 11th congress): the summary's time and query count
(the figures alone, as the JSON and the Word draft compute them, and with every year, as the
page and the workbook do), the time of hand-written SQL computing the same sums in one
statement, and the ratio. The SQL is written against the apps' tables here and only here: the
summary itself never reads the apps' models. Load a county first (`load_demo --scale N`).
"""

import datetime
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yuyang_union.management.benchmarks import estimated_rows
from yuyang_union.summary.compose import CONGRESS_START, compute_summary

# One statement, a scalar subquery per figure; %(start)s / %(end)s are the period's dates.
# Each subquery restates the definition in the app's figures.py docstring.
HAND_WRITTEN_SQL = {
    "members.new_unions": """SELECT count(*) FROM members_unionorganisation
        WHERE founded_on BETWEEN %(start)s AND %(end)s""",
    "members.new_union_members": """SELECT coalesce(sum(founding_members), 0)
        FROM members_unionorganisation WHERE founded_on BETWEEN %(start)s AND %(end)s""",
    "competitions.held": """SELECT count(*) FROM competitions_competition
        WHERE status IN ('under_way', 'finished', 'published')
        AND starts_on BETWEEN %(start)s AND %(end)s""",
    "competitions.enterprises": """SELECT count(DISTINCT p.employer_id)
        FROM competitions_participation p JOIN competitions_competition c
        ON c.id = p.competition_id WHERE c.status IN ('under_way', 'finished', 'published')
        AND c.starts_on BETWEEN %(start)s AND %(end)s""",
    "competitions.participations": """SELECT count(*) FROM competitions_entry e
        JOIN competitions_competitionevent ev ON ev.id = e.event_id
        JOIN competitions_competition c ON c.id = ev.competition_id
        WHERE c.status IN ('under_way', 'finished', 'published')
        AND c.starts_on BETWEEN %(start)s AND %(end)s""",
    "competitions.star_titles": """SELECT count(*) FROM competitions_competitiontitle t
        JOIN competitions_competition c ON c.id = t.competition_id
        WHERE t.kind <> 'other' AND c.status IN ('under_way', 'finished', 'published')
        AND c.starts_on BETWEEN %(start)s AND %(end)s""",
    "legal.consultations": """SELECT count(*) FROM legal_aid_consultation
        WHERE date BETWEEN %(start)s AND %(end)s""",
    "legal.consultation_workers": """SELECT coalesce(sum(workers_served), 0)
        FROM legal_aid_consultation WHERE date BETWEEN %(start)s AND %(end)s""",
    "legal.outreach_events": """SELECT count(*) FROM legal_aid_outreachevent
        WHERE date BETWEEN %(start)s AND %(end)s""",
    "legal.outreach_workers": """SELECT coalesce(sum(attendance), 0)
        FROM legal_aid_outreachevent WHERE date BETWEEN %(start)s AND %(end)s""",
    "legal.mediations": """SELECT count(*) FROM legal_aid_case
        WHERE kind = 'mediation' AND accepted_on BETWEEN %(start)s AND %(end)s""",
    "legal.mediation_workers": """SELECT coalesce(sum(workers_involved), 0) FROM legal_aid_case
        WHERE kind = 'mediation' AND accepted_on BETWEEN %(start)s AND %(end)s""",
    "legal.mediation_recovered": """SELECT coalesce(sum(amount_recovered), 0)
        FROM legal_aid_case
        WHERE kind = 'mediation' AND accepted_on BETWEEN %(start)s AND %(end)s""",
    "legal.aid_cases": """SELECT count(*) FROM legal_aid_case
        WHERE kind = 'legal_aid' AND accepted_on BETWEEN %(start)s AND %(end)s""",
    "legal.aid_workers": """SELECT coalesce(sum(workers_involved), 0) FROM legal_aid_case
        WHERE kind = 'legal_aid' AND accepted_on BETWEEN %(start)s AND %(end)s""",
    "legal.aid_recovered": """SELECT coalesce(sum(amount_recovered), 0) FROM legal_aid_case
        WHERE kind = 'legal_aid' AND accepted_on BETWEEN %(start)s AND %(end)s""",
    "legal.injury_appraisals": """SELECT count(*) FROM legal_aid_appraisal
        WHERE kind = 'injury' AND appraised_on BETWEEN %(start)s AND %(end)s""",
    "legal.early_retirement_appraisals": """SELECT count(*) FROM legal_aid_appraisal
        WHERE kind = 'early_retirement' AND appraised_on BETWEEN %(start)s AND %(end)s""",
    "rights.collective_contracts": """SELECT count(*) FROM legal_aid_collectivecontract
        WHERE signed_on BETWEEN %(start)s AND %(end)s""",
    "rights.contract_enterprises": """SELECT count(DISTINCT ce.employer_id)
        FROM legal_aid_collectivecontract_employers ce
        JOIN legal_aid_collectivecontract c ON c.id = ce.collectivecontract_id
        WHERE c.signed_on BETWEEN %(start)s AND %(end)s""",
    "rights.harmony_3a_enterprises": """SELECT count(DISTINCT employer_id)
        FROM legal_aid_harmonyrating WHERE level = '3A' AND awarding_level = 'municipal'
        AND year BETWEEN %(start_year)s AND %(end_year)s""",
    "welfare.hardship_households": """SELECT count(DISTINCT head_id)
        FROM welfare_hardshiphousehold WHERE registered_on <= %(end)s
        AND status <> 'cancelled' AND (lifted_out_on IS NULL OR lifted_out_on >= %(start)s)""",
    "welfare.households_lifted_out": """SELECT count(*) FROM welfare_hardshiphousehold
        WHERE status = 'lifted_out' AND lifted_out_on BETWEEN %(start)s AND %(end)s""",
    "welfare.warmth_funds": """SELECT coalesce(sum(g.amount), 0) FROM welfare_grant g
        JOIN welfare_reliefcampaign c ON c.id = g.campaign_id WHERE c.kind = 'warmth'
        AND g.state = 'paid' AND g.paid_on BETWEEN %(start)s AND %(end)s""",
    "welfare.warmth_visits": """SELECT count(*) FROM welfare_grant g
        JOIN welfare_reliefcampaign c ON c.id = g.campaign_id WHERE c.kind = 'warmth'
        AND g.state = 'paid' AND g.kind = 'grant' AND g.is_home_visit
        AND g.paid_on BETWEEN %(start)s AND %(end)s""",
    "welfare.education_aid_funds": """SELECT coalesce(sum(amount), 0) FROM welfare_educationaid
        WHERE state = 'paid' AND paid_on BETWEEN %(start)s AND %(end)s""",
    "welfare.education_aid_students": """SELECT count(DISTINCT student_id_number_digest)
        FROM welfare_educationaid
        WHERE state = 'paid' AND paid_on BETWEEN %(start)s AND %(end)s""",
    "welfare.jobs_offered": """SELECT coalesce(sum(jobs_offered), 0)
        FROM welfare_employmentcampaign WHERE held_on BETWEEN %(start)s AND %(end)s""",
    "welfare.mutual_aid_enrollments": """SELECT count(*) FROM welfare_mutualaidenrolment
        WHERE enrolled_on BETWEEN %(start)s AND %(end)s""",
    "welfare.worker_homes": """SELECT count(*) FROM welfare_servicesite
        WHERE kind = 'workers_home' AND opened_on BETWEEN %(start)s AND %(end)s""",
    "welfare.outdoor_stations": """SELECT count(*) FROM welfare_servicesite
        WHERE kind = 'outdoor_station' AND opened_on BETWEEN %(start)s AND %(end)s""",
    "welfare.health_checkups": """SELECT count(*) FROM welfare_healthcheckup h
        JOIN welfare_checkupround r ON r.id = h.round_id
        WHERE r.held_on BETWEEN %(start)s AND %(end)s""",
}
HONOUR_TITLE_KEYS = {
    # figure key: the members.HonourTitle keys it counts
    "honors.national_advanced_workers": ["national_advanced_worker"],
    "honors.national_model_workers": ["national_model_worker"],
    "honors.national_pioneer_collectives": ["national_pioneer_collective"],
    "honors.municipal_model_workers": ["municipal_model_worker"],
    "honors.municipal_may_day_medals": ["municipal_may_day_medal"],
    "honors.municipal_collectives": ["municipal_may_day_award", "municipal_pioneer_collective"],
    "honors.county_craftsmen": ["county_craftsman"],
}


HONOUR_SQL = """SELECT count(*) FROM members_honour h
    JOIN members_honourtitle t ON t.id = h.title_id WHERE t.key = ANY(%%(%s)s)
    AND h.year BETWEEN %%(start_year)s AND %%(end_year)s"""


def hand_written_statement():
    """All the figures in one SELECT of scalar subqueries, and its honour-title parameters."""
    parts = [f'({sql}) AS "{key}"' for key, sql in HAND_WRITTEN_SQL.items()]
    params = {}
    for number, (key, title_keys) in enumerate(HONOUR_TITLE_KEYS.items()):
        name = f"titles_{number}"
        params[name] = title_keys
        parts.append(f'({HONOUR_SQL % name}) AS "{key}"')
    return "SELECT " + ",\n".join(parts), params


BIG_TABLES = [
    "members_member",
    "members_unionorganisation",
    "welfare_grant",
    "welfare_mutualaidenrolment",
    "welfare_healthcheckup",
    "competitions_entry",
    "legal_aid_consultation",
]


def timed(action, repeat):
    """(median seconds, query count of one run, last result)."""
    times, result, queries = [], None, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            result = action()
            times.append(time.perf_counter() - started)
        queries = len(context.captured_queries)
    return statistics.median(times), queries, result


class Command(BaseCommand):
    help = "Time the work summary against hand-written SQL computing the same sums."

    def add_arguments(self, parser):
        parser.add_argument("--start", default=CONGRESS_START.isoformat())
        parser.add_argument("--end", default="")
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, start, end, repeat, **options):
        try:
            start = datetime.date.fromisoformat(start)
            end = datetime.date.fromisoformat(end) if end else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"bad date: {error}") from error
        statement, params = hand_written_statement()
        params.update(start=start, end=end, start_year=start.year, end_year=end.year)

        def run_sql():
            with connection.cursor() as cursor:
                cursor.execute(statement, params)
                columns = [column.name for column in cursor.description]
                return dict(zip(columns, cursor.fetchone(), strict=True))

        rows = self.row_counts()
        self.stdout.write(f"period {start} – {end}; rows: {rows}")
        summary_s, summary_q, summary = timed(
            lambda: compute_summary(start, end, by_year=False), repeat
        )
        page_s, page_q, _page = timed(lambda: compute_summary(start, end), repeat)
        sql_s, sql_q, by_sql = timed(run_sql, repeat)
        self.stdout.write(
            f"summary (figures only): {summary_s * 1000:8.1f} ms, {summary_q} queries"
        )
        self.stdout.write(f"summary with each year: {page_s * 1000:8.1f} ms, {page_q} queries")
        self.stdout.write(f"hand-written SQL:       {sql_s * 1000:8.1f} ms, {sql_q} query")
        self.stdout.write(f"ratio summary / SQL:    {summary_s / sql_s:8.2f}")

        values = summary.values()
        differing = {
            key: (values.get(key), value)
            for key, value in by_sql.items()
            if values.get(key) is None or values.get(key) != value
        }
        if differing:
            self.stdout.write(self.style.WARNING(f"summary ≠ SQL (summary, SQL): {differing}"))
        else:
            self.stdout.write(self.style.SUCCESS(f"summary = SQL for all {len(by_sql)} figures"))

    def row_counts(self):
        """The planner's row estimates of the big tables, fresh after ANALYZE (which a
        freshly loaded county needs anyway for good plans)."""
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return estimated_rows(BIG_TABLES)
