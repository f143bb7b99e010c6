"""Members' history entries no longer hold the birth date or sex (read from the ID number).

Beside the masked ID number in a history page, the birth date gives the number back; the
history now leaves both fields out (members/apps.py), and this removes them from the entries
written before.
"""

from django.db import migrations


def scrub(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    member = ContentType.objects.filter(app_label="members", model="member").first()
    if member is None:
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "UPDATE auditlog_logentry SET changes = changes - 'birth_date' - 'sex' "
            "WHERE content_type_id = %s AND (changes ? 'birth_date' OR changes ? 'sex')",
            [member.pk],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_identifier_access_log_to_personal_data"),
        ("auditlog", "__latest__"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(scrub, migrations.RunPython.noop)]
