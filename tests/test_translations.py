"""Every Chinese catalogue is complete, compiled, and in step with the source strings.

Catalogues: the project's `locale/zh_Hans` (site-wide templates and yuyang_union/) and each
app's own `<app>/locale/zh_Hans` (refreshed from inside the app's folder, see the Makefile's
`messages` target).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = Path("locale/zh_Hans/LC_MESSAGES/django.po")
# Not source: environments, data, build output.
NOT_SOURCE = {".venv", ".pgdata", "staticfiles", "media", ".git", ".ruff_cache", "test-results"}


def catalogues():
    found = [
        path.relative_to(ROOT)
        for path in ROOT.glob("**/locale/zh_Hans/LC_MESSAGES/django.po")
        if not NOT_SOURCE.intersection(path.relative_to(ROOT).parts)
    ]
    return sorted(found, key=lambda path: (len(path.parts), str(path)))


def app_folder(catalogue):
    """The folder a catalogue belongs to: "." for the project, "members" for members/..."""
    return catalogue.parents[3]


def app_folders():
    """Folders of the apps (an apps.py inside), the project package itself excepted."""
    return sorted(
        path.parent.relative_to(ROOT)
        for pattern in ("*/apps.py", "*/*/apps.py")
        for path in ROOT.glob(pattern)
        if not NOT_SOURCE.intersection(path.relative_to(ROOT).parts)
        and path.parent != ROOT / "yuyang_union"
    )


CATALOGUES = catalogues()
APP_FOLDERS = app_folders()


def entry_key(entry):
    return (entry.msgctxt or "", entry.msgid)


def translations(entries):
    """{(context, msgid): translation} of the entries that carry a translation."""
    result = {}
    for entry in entries:
        if not entry.msgid or entry.obsolete:
            continue
        if entry.msgid_plural:
            value = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        else:
            value = entry.msgstr
        result[entry_key(entry)] = value
    return result


def test_the_project_and_app_catalogues_are_found():
    assert CATALOGUE in CATALOGUES
    assert all(path.parts[0] not in NOT_SOURCE for path in CATALOGUES)
    assert Path("members") in APP_FOLDERS
    assert Path("yuyang_union") not in APP_FOLDERS


@pytest.mark.parametrize("folder", APP_FOLDERS, ids=str)
def test_every_app_has_its_own_catalogue(folder):
    catalogue = folder / CATALOGUE
    assert catalogue in CATALOGUES, (
        f"{folder}: no catalogue; make one from inside the app folder: mkdir -p locale && "
        "../manage.py makemessages -l zh_Hans (or `make messages`), then translate it"
    )


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=str)
def test_catalogue_is_fully_translated(catalogue):
    po = polib.pofile(str(ROOT / catalogue))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    obsolete = [entry.msgid for entry in po.obsolete_entries()]
    assert not untranslated, f"{catalogue}: untranslated {untranslated}"
    assert not fuzzy, f"{catalogue}: fuzzy (check and unmark) {fuzzy}"
    assert not obsolete, f"{catalogue}: obsolete entries (use --no-obsolete) {obsolete}"


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=str)
def test_compiled_catalogue_holds_exactly_the_translations(catalogue):
    mo_path = (ROOT / catalogue).with_suffix(".mo")
    assert mo_path.exists(), f"{catalogue}: not compiled (msgfmt -o {mo_path.name} ...)"
    po = polib.pofile(str(ROOT / catalogue))
    mo = polib.mofile(str(mo_path))
    expected = translations(po.translated_entries())
    compiled = translations(mo)
    assert compiled == expected, (
        f"{mo_path.relative_to(ROOT)} is stale: compile it again with msgfmt"
    )


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """The catalogues `makemessages` makes from the source as it is now, in a copy of the tree."""
    if shutil.which("xgettext") is None:
        pytest.fail("gettext is needed: apt-get install gettext")
    copy = tmp_path_factory.mktemp("source") / "tree"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*NOT_SOURCE, "__pycache__"))
    manage = str(copy / "manage.py")
    refresh = [sys.executable, manage, "makemessages", "--locale", "zh_Hans", "--no-obsolete"]

    def run(command, cwd):
        result = subprocess.run(  # noqa: S603 (our interpreter and manage.py)
            command, cwd=cwd, capture_output=True, text=True, timeout=600, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr

    # The project catalogue leaves out the apps (each has its own) and the tests.
    ignored = [f"{folder}/*" for folder in APP_FOLDERS] + ["tests/*"]
    run([*refresh, *(arg for name in ignored for arg in ("--ignore", name))], copy)
    for catalogue in CATALOGUES:
        if app_folder(catalogue) != Path("."):
            run(refresh, copy / app_folder(catalogue))
    return copy


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=str)
def test_catalogue_has_every_source_string_and_no_stale_one(catalogue, fresh_catalogues):
    committed = {entry_key(e) for e in polib.pofile(str(ROOT / catalogue)) if not e.obsolete}
    fresh = {
        entry_key(e) for e in polib.pofile(str(fresh_catalogues / catalogue)) if not e.obsolete
    }
    missing = sorted(fresh - committed)
    stale = sorted(committed - fresh)
    assert not missing, (
        f"{catalogue}: source strings not in the catalogue (make messages): {missing}"
    )
    assert not stale, f"{catalogue}: entries no longer in the source (make messages): {stale}"


def test_project_catalogue_holds_no_app_strings():
    """App strings belong to the app's own catalogue, never to locale/."""
    po = polib.pofile(str(ROOT / CATALOGUE))
    for entry in po:
        for path, _line in entry.occurrences:
            assert not any(Path(path).is_relative_to(folder) for folder in APP_FOLDERS), (
                f"{entry.msgid!r} comes from {path}"
            )
            assert Path(path).parts[0] in {"templates", "yuyang_union"}, path


def test_admin_header_reads_in_chinese():
    po = polib.pofile(str(ROOT / CATALOGUE))
    header = po.find("Youyang County Federation of Trade Unions · Work platform")
    assert header.msgstr == "酉阳县总工会 工作平台"


def test_no_string_is_translated_two_ways():
    """Django merges every catalogue of a language into one: when two catalogues translate the
    same string (same context) differently, one of them silently loses everywhere. Give an
    ambiguous word a context (pgettext_lazy("...", "title")) so each meaning has its own entry."""
    seen = {}
    for catalogue in CATALOGUES:
        for key, value in translations(polib.pofile(str(ROOT / catalogue))).items():
            if value:
                seen.setdefault(key, {})[str(app_folder(catalogue))] = value
    clashes = {
        f"{context + ' | ' if context else ''}{msgid}": by_folder
        for (context, msgid), by_folder in sorted(seen.items())
        if len(set(by_folder.values())) > 1
    }
    assert not clashes, "translated differently in different catalogues: " + "; ".join(
        f"{msgid!r}: {by_folder}" for msgid, by_folder in clashes.items()
    )
