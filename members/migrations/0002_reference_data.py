"""Reference data: the county's townships, the standard honour titles, the county federation."""

from django.db import migrations

from members.reference import TOWNSHIPS

# (name, level, collective, summary key)
HONOUR_TITLES = [
    ("全国先进工作者", "national", False, "national_advanced_worker"),
    ("全国劳动模范", "national", False, "national_model_worker"),
    ("全国五一劳动奖章", "national", False, None),
    ("全国工人先锋号", "national", True, "national_pioneer_collective"),
    ("市劳动模范", "municipal", False, "municipal_model_worker"),
    ("市五一劳动奖章", "municipal", False, "municipal_may_day_medal"),
    ("市五一劳动奖状", "municipal", True, "municipal_may_day_award"),
    ("市工人先锋号", "municipal", True, "municipal_pioneer_collective"),
    ("酉阳工匠", "county", False, "county_craftsman"),
    ("酉阳好人", "county", False, "county_good_person"),
]


def load(apps, schema_editor):
    Township = apps.get_model("members", "Township")
    HonourTitle = apps.get_model("members", "HonourTitle")
    UnionOrganisation = apps.get_model("members", "UnionOrganisation")
    for position, name in enumerate(TOWNSHIPS):
        Township.objects.get_or_create(name=name, defaults={"ordering": position})
    for position, (name, level, collective, key) in enumerate(HONOUR_TITLES):
        HonourTitle.objects.get_or_create(
            name=name,
            defaults={"level": level, "is_collective": collective, "key": key, "ordering": position},
        )
    if not UnionOrganisation.objects.exists():
        # The root of the tree (treebeard materialised path: first root is "0001").
        UnionOrganisation.objects.create(
            path="0001", depth=1, numchild=0, name="酉阳县总工会", kind="county", code="YYZGH"
        )


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
