"""The columns that let staff find a name by any part of it, at a million rows.

- `<name>_grams`: the name's single characters and character pairs ('张晓梅' → {张, 晓, 梅, 张晓,
  晓梅}), an array the database computes itself (a generated column over the IMMUTABLE SQL
  function `name_grams`), under a GIN index. pg_trgm cannot serve one- and two-character
  Chinese searches (no trigram, and nothing at all in a `C` ctype); pairs can. Being
  generated, the column is right after any INSERT, COPY or UPDATE, with no Python work.
- `<name>_initials`: the pinyin initials ('张晓梅' → 'zxm'), for people and unions, filled by
  `NameInitialsField.pre_save` on every save and by the COPY paths (pypinyin is Python, so the
  database cannot compute them). Indexed with text_pattern_ops for prefix search.

The query side is `yuyang_union.search`.
"""

import re
from collections.abc import Sequence
from typing import Any, cast

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from pypinyin import Style, lazy_pinyin

GRAMS_FUNCTION = "name_grams"

# Every character and every pair of neighbours (a name with a repeated character repeats a
# gram: harmless to the index and to `@>`). IMMUTABLE so a generated column and an index may
# use it; STRICT and PARALLEL SAFE so the planner may run it anywhere. PL/pgSQL: a loop is
# 5× faster than a set-returning SQL query (1.3 s against 7.2 s over a million names), and
# it runs for every row a COPY or UPDATE writes.
CREATE_GRAMS_FUNCTION = r"""
CREATE OR REPLACE FUNCTION name_grams(name text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
    grams text[] := '{}';
    name_length integer := char_length(name);
BEGIN
    FOR i IN 1..name_length LOOP
        grams := grams || substr(name, i, 1);
        IF i < name_length THEN
            grams := grams || substr(name, i, 2);
        END IF;
    END LOOP;
    RETURN grams;
END
$$;
"""
DROP_GRAMS_FUNCTION = "DROP FUNCTION IF EXISTS name_grams(text);"


def grams_field(source: str) -> models.GeneratedField:
    """The generated array of `source`'s characters and pairs (name it `<source>_grams`)."""
    return models.GeneratedField(
        expression=models.Func(
            models.F(source), function=GRAMS_FUNCTION, output_field=ArrayField(models.TextField())
        ),
        output_field=ArrayField(models.TextField()),
        db_persist=True,
    )


def grams_index(source: str, *, name: str) -> GinIndex:
    return GinIndex(fields=[f"{source}_grams"], name=name)


def initials_index(source: str, *, name: str) -> models.Index:
    """A btree usable for `LIKE 'zx%'` whatever the database's collation."""
    return models.Index(fields=[f"{source}_initials"], name=name, opclasses=["text_pattern_ops"])


def query_grams(term: str) -> list[str]:
    """The grams every name containing `term` has: the character itself, or its pairs."""
    if len(term) == 1:
        return [term]
    return sorted({term[i : i + 2] for i in range(len(term) - 1)})


# Surnames whose reading as a surname is not pypinyin's default for the character alone
# (曾 is céng alone, zēng as a surname): the first character of a person's name.
SURNAME_INITIALS = {
    "曾": "z",
    "单": "s",
    "解": "x",
    "仇": "q",
    "区": "o",
    "查": "z",
    "朴": "p",
    "盖": "g",
    "乐": "y",
    "覃": "q",
    "种": "c",
    "翟": "z",
    "秘": "b",
    "召": "s",
    "繁": "p",
    "句": "g",
}

_NOT_INITIAL = re.compile(r"[^a-z0-9]")


def name_initials(name: str, *, person: bool = False) -> str:
    """'酉阳县总工会' → 'yyxzgh'; latin letters and digits are kept, lowercased.

    pypinyin's default reading (phrase-aware: '重庆' → 'cq'); for a person, the surname's
    reading as a surname (SURNAME_INITIALS).
    """
    name = (name or "").strip()
    if not name:
        return ""
    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors=lambda text: text.lower())
    initials = _NOT_INITIAL.sub("", "".join(letters).lower())
    if person and name[0] in SURNAME_INITIALS and initials:
        initials = SURNAME_INITIALS[name[0]] + initials[1:]
    return initials


class NameInitialsField(models.CharField):
    """The pinyin initials of another field of the same model, filled in on every save."""

    def __init__(self, *args: Any, source: str, person: bool = False, **kwargs: Any) -> None:
        self.source = source
        self.person = person
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, Sequence[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        if self.person:
            kwargs["person"] = True
        for key, default in (("editable", False), ("blank", True), ("default", "")):
            if kwargs.get(key, default) == default:
                kwargs.pop(key, None)
        return name, path, args, kwargs

    def initials_of(self, plain: object) -> str:
        return name_initials(str(plain or ""), person=self.person)[: self.max_length]

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = self.initials_of(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value


class NameInitialsMixin(models.Model):
    """Saves the initials with their name when a save names only the fields it changes
    (`save(update_fields=["name"])`: pre_save runs only for the fields named)."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            initials = {
                field.name
                for field in self._meta.concrete_fields
                if isinstance(field, NameInitialsField) and field.source in update_fields
            }
            kwargs["update_fields"] = {*update_fields, *initials}
        super().save(*args, **kwargs)


def derived_name_fields(model: type[models.Model]) -> list[str]:
    """Names of the search columns of `model` (left out of history and forms)."""
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, NameInitialsField) or getattr(f, "generated", False)
    ]


def is_generated(field: object) -> bool:
    """A column the database computes (never written by an INSERT or a COPY)."""
    return bool(getattr(cast(Any, field), "generated", False))


def fill_initials(
    connection: Any, *, table: str, source: str, column: str, person: bool = False
) -> int:
    """Fill `column` of every row of `table` from `source` (a migration's data step).

    In SQL, not row by row: each distinct name's initials are computed once in Python (a
    million members share far fewer names), copied into a temporary table, and written by
    one UPDATE joined on the name. Returns the number of distinct names.
    """
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT {quote(source)} FROM {quote(table)}")  # noqa: S608
        names = [name for (name,) in cursor.fetchall()]
        if not names:
            return 0
        cursor.execute(
            "CREATE TEMPORARY TABLE name_initials_fill (name text PRIMARY KEY, initials text)"
            " ON COMMIT DROP"
        )
        with cursor.cursor.copy("COPY name_initials_fill (name, initials) FROM STDIN") as copy:
            for name in names:
                copy.write_row((name, name_initials(name, person=person)))
        cursor.execute(
            f"UPDATE {quote(table)} AS t SET {quote(column)} = f.initials"  # noqa: S608
            f" FROM name_initials_fill AS f WHERE t.{quote(source)} = f.name"
            f" AND t.{quote(column)} IS DISTINCT FROM f.initials"
        )
        cursor.execute("DROP TABLE name_initials_fill")
    return len(names)
