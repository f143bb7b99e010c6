# The indexes of the search columns, built after 0009 filled them (and in a transaction of
# their own: PostgreSQL builds no index on a table with the fill's trigger events pending).

import django.contrib.postgres.indexes
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0009_search_columns"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="employer",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["name_grams"], name="employer_name_grams"
            ),
        ),
        migrations.AddIndex(
            model_name="member",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["name_grams"], name="member_name_grams"
            ),
        ),
        migrations.AddIndex(
            model_name="member",
            index=models.Index(
                fields=["name_initials"],
                name="member_name_initials",
                opclasses=["text_pattern_ops"],
            ),
        ),
        migrations.AddIndex(
            model_name="unionorganisation",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["name_grams"], name="union_name_grams"
            ),
        ),
        migrations.AddIndex(
            model_name="unionorganisation",
            index=models.Index(
                fields=["name_initials"], name="union_name_initials", opclasses=["text_pattern_ops"]
            ),
        ),
    ]
