"""The library: telling the formats apart, hashes, bundled paths and loading every file."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from tests.trivia.content.helpers import (
    SET,
    WHOSWHO,
    dump,
    edited,
    line_of,
)
from trivia.content.library import (
    BundledPaths,
    Library,
    bundled_paths,
    content_hash,
    load_library,
)
from trivia.errors import ContentError


def test_content_hash_is_the_sha256_of_the_text() -> None:
    assert content_hash("abc") == hashlib.sha256(b"abc").hexdigest() == content_hash(b"abc")


def test_bundled_paths_come_from_the_package() -> None:
    paths = bundled_paths()
    assert paths.whoswho.name == "whoswho.yaml"
    assert paths.whoswho.parent.name == "data"
    assert paths.whoswho.parent.parent.name == "trivia"
    assert all(p.suffix == ".yaml" and p != paths.whoswho for p in paths.sets)


def test_every_shipped_file_loads_with_load_library() -> None:
    paths = bundled_paths()
    assert paths.whoswho.exists() and paths.sets, "the bundled content is missing"
    library = load_library()
    assert isinstance(library, Library)
    assert len(library.sets) == len(paths.sets)
    assert library.whoswho.entities


def _library_files(tmp_path: Path, *sets: dict[str, Any]) -> BundledPaths:
    whoswho = tmp_path / "whoswho.yaml"
    whoswho.write_text(dump(WHOSWHO))
    paths = []
    for i, doc in enumerate(sets):
        paths.append(tmp_path / f"set{i}.yaml")
        paths[-1].write_text(dump(doc))
    return BundledPaths(whoswho, paths)


def test_load_library_generates_from_its_whoswho(tmp_path: Path) -> None:
    generated = edited(SET, id="gen", generate={"from_relations": ["plays"]})
    library = load_library(_library_files(tmp_path, SET, generated))
    assert len(library.sets["gen"].questions) == 8


def test_load_library_reports_every_file_and_shared_set_ids(tmp_path: Path) -> None:
    broken = edited(SET, id="broken", title=True)
    paths = _library_files(tmp_path, SET, broken, SET)
    with pytest.raises(ContentError) as caught:
        load_library(paths)
    messages = [str(p) for p in caught.value.problems]
    assert messages == [
        f"{paths.sets[1]}:{line_of(dump(broken), 'title:')}: [broken] "
        "title is a boolean; quote it: 'true'",
        f"{paths.sets[2]}: [test-set] question set id 'test-set' is also used by {paths.sets[0]}",
    ]


def test_a_broken_whoswho_is_reported_once(tmp_path: Path) -> None:
    paths = _library_files(tmp_path, edited(SET, generate={"from_relations": ["plays"]}))
    paths.whoswho.write_text("id: [\n")
    with pytest.raises(ContentError) as caught:
        load_library(paths)
    assert [p.file for p in caught.value.problems] == [str(paths.whoswho)]
