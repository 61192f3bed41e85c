"""The on-disk cache of built data (cache.py) and the region matchers read from it
(regions.prepare): read back, they find what freshly built ones find."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from intra_extract import cache


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_built_once_then_read_back(cache_dir):
    calls = []

    def build():
        calls.append(1)
        return {"names": ("Maribor", "Varna")}

    assert cache.load_or_build("thing", build) == {"names": ("Maribor", "Varna")}
    assert cache.load_or_build("thing", build) == {"names": ("Maribor", "Varna")}
    assert len(calls) == 1
    assert [p.name for p in cache_dir.iterdir()] == [f"thing-{cache.version_key()}.pickle"]


def test_another_version_never_reads_the_file_and_removes_it_once_stale(cache_dir, monkeypatch):
    cache.load_or_build("thing", lambda: 1)
    cache.load_or_build("thing-longer", lambda: 3)  # a name that begins like the first
    key = cache.version_key()
    first = cache_dir / f"thing-{key}.pickle"
    monkeypatch.setattr(cache, "version_key", lambda: "b" * 20)
    assert cache.load_or_build("thing", lambda: 2) == 2  # never the other version's object
    assert first.is_file()  # read lately: another checkout may still use it
    os.utime(first, (time.time() - 8 * 24 * 3600, first.stat().st_mtime))
    (cache_dir / f"thing-{'b' * 20}.pickle").unlink()
    assert cache.load_or_build("thing", lambda: 2) == 2
    assert sorted(p.name for p in cache_dir.iterdir()) == [
        f"thing-{'b' * 20}.pickle", f"thing-longer-{key}.pickle"]


def test_a_folder_others_may_write_is_not_read(cache_dir):
    cache.load_or_build("thing", lambda: 1)
    cache_dir.chmod(0o777)
    assert cache.load_or_build("thing", lambda: 2) == 2
    cache_dir.chmod(0o700)
    assert cache.load_or_build("thing", lambda: 3) == 2  # the file written beside, read again


def test_a_broken_file_is_built_again(cache_dir):
    cache.load_or_build("thing", lambda: 1)
    (cache_dir / f"thing-{cache.version_key()}.pickle").write_bytes(b"\x80\x05 cut short")
    assert cache.load_or_build("thing", lambda: 2) == 2
    assert cache.load_or_build("thing", lambda: 3) == 2  # written again, whole


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("in the way")
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "file" / "cache"))
    assert cache.load_or_build("thing", lambda: 1) == 1
    assert cache.load_or_build("thing", lambda: 2) == 2


def test_off_builds_every_time(monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert cache.folder() is None
    assert cache.load_or_build("thing", lambda: 1) == 1
    assert cache.load_or_build("thing", lambda: 2) == 2


def test_the_key_follows_the_package_files():
    key = cache.version_key()
    assert len(key) == 20 and key == cache.version_key()


TEXT = ("Partners from Maribor, Varna and the Algarve met in Badajoz (Extremadura) and in Pescara; "
        "Podravska regija, Североизточна България, Eslovenia Oriental, Abruzzo, West Midlands, "
        "Coventry, Loulé and New York.")
MATCHES = (
    "from intra_extract import regions\n"
    "{prepare}"
    "print([(lang, [(m.start, m.end, m.nuts_code, m.level, m.needs_evidence, m.not_here) for m in regions.find_regions(TEXT, lang)])"
    " for lang in ('bg', 'sl', 'es', 'pt', 'it', 'en')])\n"
)


def test_matchers_read_from_the_cache_find_what_built_ones_find(cache_dir):
    def matches(prepare: str) -> str:
        code = f"TEXT = {TEXT!r}\n" + MATCHES.format(prepare=prepare)
        return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout

    built = matches("")  # each language's matcher built on first use, no cache
    assert "ES43" in built and "PT15" in built and "city" in built
    assert matches("regions.prepare(('bg', 'sl', 'es', 'pt', 'it', 'en'))\n") == built  # built, then written
    assert list(cache_dir.glob("regions-*.pickle"))
    assert matches("regions.prepare(('bg', 'sl', 'es', 'pt', 'it', 'en'))\n") == built  # read back


def test_language_profiles_read_from_the_cache_detect_what_langdetect_detects(cache_dir):
    """The compact profiles (langdetect_exact.Profiles) pickled and read back: the same
    probabilities, to the bit, as langdetect's own detector."""
    from langdetect.lang_detect_exception import LangDetectException

    from intra_extract import language
    from intra_extract.langdetect_exact import ExactDetector, Profiles

    languages = ("bg", "en", "it")
    made = language.factory(languages)
    first = cache.load_or_build("profiles", lambda: Profiles.of(made))
    again = cache.load_or_build("profiles", lambda: pytest.fail("built again, not read back"))
    assert again == first and again is not first
    assert all(p != 0.0 for row in again.rows.values() for p in row[1::2])  # only the non-zero entries kept
    for text in ("Партньорите се срещнаха във Варна.", "The partners met in Varna.", "I partner si sono incontrati.", "1234"):
        reference = made.create()
        reference.append(text)
        try:
            want = [(x.lang, x.prob) for x in reference.get_probabilities()]
        except LangDetectException:
            want = None
        try:
            got = [(x.lang, x.prob) for x in ExactDetector(again).probabilities(text)]
        except LangDetectException:
            got = None
        assert got == want


def test_cldr_month_and_weekday_names_read_from_the_cache_are_babels(cache_dir):
    from intra_extract import dates_grammar

    built = (dates_grammar._month_forms("sl"), dates_grammar._weekdays_of("sl"))
    assert built[0]["januarja"] == (1, False) and built[1]["ponedeljek"] == 0
    for _ in range(2):  # built and written, then read back
        dates_grammar._cldr_words.cache_clear()
        assert dates_grammar._cldr_words("sl") == built
    assert [p.name for p in cache_dir.glob("cldr-sl-*.pickle")] == [f"cldr-sl-{cache.version_key()}.pickle"]
    dates_grammar._cldr_words.cache_clear()
