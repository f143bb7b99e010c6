"""The State Council's 2026 holiday arrangement (国办发明电〔2025〕7号), and the staff link's
permission for the roles that handle applications. Staff add each new year's arrangement in
the admin when it is published (usually in November)."""

import datetime

from django.db import migrations

from yuyang_union import roles

HOLIDAYS_2026 = {
    "元旦": ("2026-01-01", "2026-01-03"),
    "春节": ("2026-02-15", "2026-02-23"),
    "清明节": ("2026-04-04", "2026-04-06"),
    "劳动节": ("2026-05-01", "2026-05-05"),
    "端午节": ("2026-06-19", "2026-06-21"),
    "中秋节": ("2026-09-25", "2026-09-27"),
    "国庆节": ("2026-10-01", "2026-10-07"),
}
WORKED_2026 = {
    "2026-01-04": "元旦调休上班",
    "2026-02-14": "春节调休上班",
    "2026-02-28": "春节调休上班",
    "2026-05-09": "劳动节调休上班",
    "2026-09-20": "国庆节调休上班",
    "2026-10-10": "国庆节调休上班",
}


def load_calendar(apps, schema_editor):
    CalendarDay = apps.get_model("applications", "CalendarDay")
    days = []
    for name, (first, last) in HOLIDAYS_2026.items():
        day = datetime.date.fromisoformat(first)
        while day <= datetime.date.fromisoformat(last):
            days.append(CalendarDay(date=day, is_working_day=False, name=name))
            day += datetime.timedelta(days=1)
    for date, name in WORKED_2026.items():
        days.append(CalendarDay(date=datetime.date.fromisoformat(date), is_working_day=True, name=name))
    CalendarDay.objects.bulk_create(days, ignore_conflicts=True)


def grant(apps, schema_editor):
    view = ["applications.view_application"]
    roles.grant_permissions(
        apps,
        {
            roles.ORGANISATION: view,
            roles.WELFARE: view,
            roles.LEGAL: view,
            roles.GRASSROOTS_OFFICERS: view,
            roles.ADMINISTRATORS: [*view, "applications.view_calendarday",
                                   "applications.add_calendarday", "applications.change_calendarday",
                                   "applications.delete_calendarday"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(load_calendar, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
