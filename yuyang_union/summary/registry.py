"""Which figure goes where: the summary's sections, in the seed's order, and each figure's
measure word as the report writes it.

The apps own their figures (`<app>/figures.py`); this registry only places them. A figure
an app adds without registering it here still shows, in the last section.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yuyang_union.figures import Unit

# The apps that provide figures, in the order the demo loads them (members first).
PROVIDER_APPS = ["members", "welfare", "competitions", "legal_aid", "events"]


class Section(models.TextChoices):
    HONOURS = "honours", _("Ideological and political guidance")
    DEVELOPMENT = "development", _("Serving the overall development")
    RIGHTS = "rights", _("Protecting workers' rights")
    SERVICES = "services", _("Serving workers")
    REFORM = "reform", _("Union reform")
    OTHER = "other", _("Other figures")


# The measure word a Chinese report puts after a number of each unit ("36场次", "529万元").
MEASURE_WORDS: dict[str, str | Promise] = {
    Unit.YUAN: pgettext_lazy("measure word", "yuan"),
    Unit.PERSONS: pgettext_lazy("measure word", "persons"),
    Unit.PERSON_TIMES: pgettext_lazy("measure word", "person-times"),
    Unit.HOUSEHOLDS: pgettext_lazy("measure word", "households"),
    Unit.HOUSEHOLD_TIMES: pgettext_lazy("measure word", "household-times"),
    Unit.ORGANISATIONS: pgettext_lazy("measure word", "organisations"),
    Unit.COLLECTIVES: pgettext_lazy("measure word", "collectives"),
    Unit.EVENTS: pgettext_lazy("measure word", "times"),
    Unit.CASES: pgettext_lazy("measure word", "cases"),
    Unit.CONTRACTS: pgettext_lazy("measure word", "contracts"),
    Unit.ITEMS: pgettext_lazy("measure word", "items"),
}
# Words that differ from the unit's usual one: honoured people are 名, competitions 场次.
PEOPLE_NAMED = pgettext_lazy("measure word", "people named")
SESSIONS = pgettext_lazy("measure word", "sessions")


@dataclass(frozen=True)
class FigureSpec:
    key: str
    section: str
    unit: str
    label: str | Promise  # shown when the providing app is not installed yet (tallies only)
    provider: str  # the app whose figures.py computes it
    measure_word: str | Promise = ""  # overrides the unit's measure word

    @property
    def measure(self) -> str | Promise:
        return self.measure_word or MEASURE_WORDS.get(self.unit, "")


def _spec(
    key: str, section: str, unit: str, label: str | Promise, measure_word: str | Promise = ""
) -> FigureSpec:
    prefix = key.split(".", 1)[0]
    provider = {
        "members": "members",
        "honors": "members",
        "competitions": "competitions",
        "legal": "legal_aid",
        "rights": "legal_aid",
        "welfare": "welfare",
    }.get(prefix, prefix)
    return FigureSpec(key, section, unit, label, provider, measure_word)


S = Section
FIGURES = [
    # 思想政治引领: honours
    _spec(
        "honors.national_advanced_workers",
        S.HONOURS,
        Unit.PERSONS,
        _("National advanced workers"),
        PEOPLE_NAMED,
    ),
    _spec(
        "honors.national_model_workers",
        S.HONOURS,
        Unit.PERSONS,
        _("National model workers"),
        PEOPLE_NAMED,
    ),
    _spec(
        "honors.national_pioneer_collectives",
        S.HONOURS,
        Unit.COLLECTIVES,
        _("National worker pioneer teams"),
    ),
    _spec(
        "honors.municipal_model_workers",
        S.HONOURS,
        Unit.PERSONS,
        _("Municipal model workers"),
        PEOPLE_NAMED,
    ),
    _spec(
        "honors.municipal_may_day_medals",
        S.HONOURS,
        Unit.PERSONS,
        _("Municipal May Day labour medals"),
        PEOPLE_NAMED,
    ),
    _spec(
        "honors.municipal_collectives",
        S.HONOURS,
        Unit.COLLECTIVES,
        _("Municipal May Day awards and worker pioneer teams"),
    ),
    _spec("honors.county_craftsmen", S.HONOURS, Unit.PERSONS, _("Youyang craftsmen"), PEOPLE_NAMED),
    # 服务发展大局: competitions
    _spec("competitions.held", S.DEVELOPMENT, Unit.EVENTS, _("Competitions held"), SESSIONS),
    _spec(
        "competitions.enterprises", S.DEVELOPMENT, Unit.ORGANISATIONS, _("Enterprises taking part")
    ),
    _spec("competitions.participations", S.DEVELOPMENT, Unit.PERSON_TIMES, _("Worker entries")),
    _spec(
        "competitions.star_titles",
        S.DEVELOPMENT,
        Unit.PERSONS,
        _("Skill, innovation, labour and service stars"),
        PEOPLE_NAMED,
    ),
    # 维护职工权益: legal services and rights
    _spec("legal.consultations", S.RIGHTS, Unit.EVENTS, _("Legal consultations")),
    _spec(
        "legal.consultation_workers",
        S.RIGHTS,
        Unit.PERSON_TIMES,
        _("Workers served by consultations"),
    ),
    _spec("legal.outreach_events", S.RIGHTS, Unit.EVENTS, _("Legal publicity events")),
    _spec(
        "legal.outreach_workers",
        S.RIGHTS,
        Unit.PERSON_TIMES,
        _("Workers reached by legal publicity"),
    ),
    _spec("legal.mediations", S.RIGHTS, Unit.CASES, _("Labour disputes mediated")),
    _spec("legal.mediation_workers", S.RIGHTS, Unit.PERSONS, _("Workers in mediated disputes")),
    _spec("legal.mediation_recovered", S.RIGHTS, Unit.YUAN, _("Recovered through mediation")),
    _spec("legal.aid_cases", S.RIGHTS, Unit.CASES, _("Legal aid cases")),
    _spec("legal.aid_workers", S.RIGHTS, Unit.PERSONS, _("Workers in legal aid cases")),
    _spec("legal.aid_recovered", S.RIGHTS, Unit.YUAN, _("Recovered through legal aid")),
    _spec("legal.injury_appraisals", S.RIGHTS, Unit.PERSONS, _("Work-injury gradings")),
    _spec(
        "legal.early_retirement_appraisals",
        S.RIGHTS,
        Unit.PERSONS,
        _("Early-retirement appraisals"),
    ),
    _spec(
        "rights.collective_contracts", S.RIGHTS, Unit.CONTRACTS, _("Collective contracts signed")
    ),
    _spec(
        "rights.contract_enterprises",
        S.RIGHTS,
        Unit.ORGANISATIONS,
        _("Enterprises covered by collective contracts"),
    ),
    _spec(
        "rights.harmony_3a_enterprises",
        S.RIGHTS,
        Unit.ORGANISATIONS,
        _("Municipal 3A harmonious-labour-relations enterprises"),
    ),
    # 服务职工: welfare
    _spec(
        "welfare.hardship_households", S.SERVICES, Unit.HOUSEHOLDS, _("Hardship households in file")
    ),
    _spec(
        "welfare.households_lifted_out",
        S.SERVICES,
        Unit.HOUSEHOLDS,
        _("Households lifted out of hardship"),
    ),
    _spec("welfare.warmth_funds", S.SERVICES, Unit.YUAN, _("Send-warmth relief money")),
    _spec(
        "welfare.warmth_visits", S.SERVICES, Unit.HOUSEHOLD_TIMES, _("Send-warmth household visits")
    ),
    _spec("welfare.education_aid_funds", S.SERVICES, Unit.YUAN, _("Golden-autumn education aid")),
    _spec(
        "welfare.education_aid_students",
        S.SERVICES,
        Unit.PERSONS,
        _("Students aided"),
        PEOPLE_NAMED,
    ),
    _spec("welfare.jobs_offered", S.SERVICES, Unit.ITEMS, _("Jobs offered")),
    _spec(
        "welfare.mutual_aid_enrollments",
        S.SERVICES,
        Unit.PERSON_TIMES,
        _("Medical mutual-aid enrolments"),
    ),
    _spec("welfare.worker_homes", S.SERVICES, Unit.ITEMS, _("Workers' homes built")),
    _spec("welfare.outdoor_stations", S.SERVICES, Unit.ITEMS, _("Outdoor-worker service stations")),
    _spec(
        "welfare.health_checkups",
        S.SERVICES,
        Unit.PERSONS,
        _("Free health check-ups"),
        PEOPLE_NAMED,
    ),
    # 工会改革: new unions
    _spec("members.new_unions", S.REFORM, Unit.ORGANISATIONS, _("New grassroots unions")),
    _spec(
        "members.new_union_members", S.REFORM, Unit.PERSONS, _("Members brought in by new unions")
    ),
]

FIGURES_BY_KEY = {spec.key: spec for spec in FIGURES}
ORDER = {spec.key: position for position, spec in enumerate(FIGURES)}
KEY_CHOICES: list[tuple[str, str | Promise]] = [(spec.key, spec.label) for spec in FIGURES]
