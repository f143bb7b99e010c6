"""Move every stored identifier to the current personal-data key: re-encrypt and re-digest.

Procedure (README, "Rotating the personal-data key"): set the new key as PERSONAL_DATA_KEY and
the old one in PERSONAL_DATA_OLD_KEYS on every process, restart them, run this command, then
drop the old key. Rows are rewritten in batches, each batch in its own transaction, with
progress; a row already under the current key is skipped, so an interrupted run simply starts
again where it stopped. Once nothing is left under an old key, the old key's fingerprint is
forgotten: a process still configured with only the old key then refuses to start work.
"""

import contextlib
from collections.abc import Iterator
from typing import Any

import pgtrigger
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections, models, transaction

from yuyang_union.personal_data import crypto
from yuyang_union.personal_data.fields import digest_fields, models_with_identifiers
from yuyang_union.personal_data.models import KeyFingerprint


def identifier_models() -> Iterator[tuple[type[models.Model], list[tuple[Any, list[Any]]]]]:
    """Each model with encrypted fields, and each field with the digest fields it feeds."""
    for model, fields in models_with_identifiers():
        yield model, [(field, digest_fields(model, field.name)) for field in fields]


class Command(BaseCommand):
    help = "Re-encrypt and re-digest every personal identifier under the current key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        crypto.forget_key_checks()
        try:
            current = crypto.require_matching_key()
        except crypto.PersonalDataKeyError as exc:
            raise CommandError(str(exc)) from exc
        self.using = "owner" if "owner" in connections.databases else "default"
        for model, fields in identifier_models():
            self.rotate(model, fields, batch_size)
        KeyFingerprint.objects.using(self.using).exclude(fingerprint=current.fingerprint).delete()
        crypto.forget_key_checks()
        self.stdout.write(
            self.style.SUCCESS(
                "Every identifier is under the current key: remove PERSONAL_DATA_OLD_KEYS."
            )
        )

    def rotate(
        self, model: type[models.Model], fields: list[tuple[Any, list[Any]]], size: int
    ) -> None:
        table = model._meta.db_table
        quote = connections[self.using].ops.quote_name
        pk_column = str(model._meta.pk.column) if model._meta.pk else "id"
        columns = [str(field.column) for field, _digests in fields]
        select = (
            f"SELECT {quote(pk_column)}, {', '.join(quote(c) for c in columns)} "  # noqa: S608
            f"FROM {quote(table)} WHERE {quote(pk_column)} > %s ORDER BY 1 LIMIT %s"
        )
        # A paid entry may not change (a trigger refuses it); its ciphertext must, so this
        # command alone steps past the model's triggers, for these updates only.
        triggers = [f"{model._meta.label}:{t.name}" for t in getattr(model._meta, "triggers", [])]

        def past_triggers() -> contextlib.AbstractContextManager[None]:
            # (pgtrigger.ignore() with no trigger named would ignore every trigger.)
            if not triggers:
                return contextlib.nullcontext()
            return pgtrigger.ignore(*triggers, databases=[self.using])

        last, done, moved = 0, 0, 0
        while True:
            with (
                transaction.atomic(using=self.using),
                past_triggers(),
                connections[self.using].cursor() as cursor,
            ):
                cursor.execute(select, [last, size])
                rows = cursor.fetchall()
                if not rows:
                    break
                for row in rows:
                    moved += self.rotate_row(cursor, table, pk_column, row, fields)
            last = rows[-1][0]
            done += len(rows)
            self.stdout.write(f"{model._meta.label}: {done} rows checked, {moved} values moved")

    def rotate_row(
        self,
        cursor: Any,
        table: str,
        pk_column: str,
        row: tuple[Any, ...],
        fields: list[tuple[Any, list[Any]]],
    ) -> int:
        quote = connections[self.using].ops.quote_name
        assignments: list[str] = []
        values: list[str | None] = []
        for (field, digests), stored in zip(fields, row[1:], strict=True):
            if not stored or crypto.is_under_current_key(stored):
                continue
            plain = crypto.decrypt(stored)
            assignments.append(f"{quote(field.column)} = %s")
            values.append(crypto.encrypt(plain))
            for digest_field in digests:
                assignments.append(f"{quote(digest_field.column)} = %s")
                values.append(crypto.digest(field.to_python(plain)))
        if not assignments:
            return 0
        cursor.execute(
            f"UPDATE {quote(table)} SET {', '.join(assignments)} "  # noqa: S608 (metadata)
            f"WHERE {quote(pk_column)} = %s",
            [*values, row[0]],
        )
        return len(assignments)
