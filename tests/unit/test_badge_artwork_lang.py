"""A badge's English artwork: ``NAME.en.svg`` beside ``NAME.svg`` is found when the badge file
is read, checked like the French one (an unsafe file is a located problem, never served), and
chosen for English; French stays the default. Every bundled badge has its English artwork."""

from __future__ import annotations

import shutil
from pathlib import Path

from apprenance.bootstrap import bundled
from apprenance.catalog.badges import read_badge
from apprenance.catalog.loader import load_catalog
from apprenance.credentials.images.hosted_images import artwork, artwork_lang, artwork_url
from apprenance.credentials.verify.inputs import HostedUrls

BADGES = bundled("badges")
CONCEPTS = {"pilier:faire"}


def _copy(tmp_path: Path) -> Path:
    (tmp_path / "images").mkdir()
    shutil.copy(BADGES / "faire-1.yaml", tmp_path / "faire-1.yaml")
    shutil.copy(BADGES / "images" / "faire-1.svg", tmp_path / "images" / "faire-1.svg")
    return tmp_path / "faire-1.yaml"


def test_the_english_artwork_is_found_and_chosen_for_english(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    alone = read_badge(path, concepts=CONCEPTS).badge
    assert alone is not None and alone.images == {}
    assert alone.image_for("en") == alone.image  # no English artwork: the French one
    shutil.copy(BADGES / "images" / "faire-1.en.svg", tmp_path / "images" / "faire-1.en.svg")
    read = read_badge(path, concepts=CONCEPTS)
    badge = read.badge
    assert read.problems == [] and badge is not None
    assert badge.images == {"en": str((tmp_path / "images" / "faire-1.en.svg").resolve())}
    assert badge.image_for("fr") == badge.image and badge.image_for("en") == badge.images["en"]
    found = artwork(badge, "en")
    assert found is not None and b"LEARNING TO" in found[1]
    assert artwork_lang(badge, "en") == "en" and artwork_lang(badge, "fr") is None
    urls = HostedUrls("https://badges.example.org")
    assert artwork_url(badge, urls, "en") == \
        "https://badges.example.org/images/badges/faire-1.en.svg"
    assert artwork_url(badge, urls, "fr") == artwork_url(badge, urls) == \
        "https://badges.example.org/images/badges/faire-1.svg"


def test_an_unsafe_english_artwork_is_a_located_problem(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    (tmp_path / "images" / "faire-1.en.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        encoding="utf-8")
    read = read_badge(path, concepts=CONCEPTS)
    assert read.badge is None
    [problem] = [p for p in read.problems if p.code == "image-unsafe"]
    assert problem.key == "image" and problem.line is not None
    assert "faire-1.en.svg" in str(problem.params["reason"])


def test_every_bundled_badge_has_english_artwork(tmp_path: Path) -> None:
    catalog = load_catalog(frameworks_dirs=[bundled("frameworks")],
                           mappings_dir=bundled("frameworks") / "mappings", badges_dir=BADGES,
                           cache_dir=tmp_path)
    assert catalog.badges
    for badge in catalog.badges.values():
        assert badge.image and set(badge.images) == {"en"}, badge.id
        english = Path(badge.images["en"]).read_text(encoding="utf-8")
        assert "APPRENDRE" not in english and "COMPÉTENCE" not in english, badge.id
