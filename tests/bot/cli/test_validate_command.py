"""`trivia-bot validate`: one ok line per valid file, every problem as file:line, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.main import main
from tests.trivia.content.helpers import SET, WHOSWHO, dump, edited, line_of
from trivia.content.library import NEEDS_WHOSWHO, BundledPaths, bundled_paths


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["validate", *args])
    return code, capsys.readouterr().out.splitlines()


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_no_paths_checks_the_bundled_content(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run(capsys)
    paths = bundled_paths()
    assert code == 0, lines
    assert len(lines) == 1 + len(paths.sets)
    assert lines[0].startswith("ok  ") and "whoswho.yaml: who's-who '" in lines[0]
    assert all(line.startswith("ok  ") and ": question set '" in line for line in lines[1:])


def test_valid_files_get_one_summary_line_each(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "set.yaml", dump(SET))
    write(tmp_path / "cast.yaml", dump(WHOSWHO))
    code, lines = run(capsys, "set.yaml", "cast.yaml")
    assert code == 0
    assert lines == [
        "ok  set.yaml: question set 'test-set', 4 questions",
        "ok  cast.yaml: who's-who 'test-whoswho', 8 entities",
    ]


def test_paths_outside_the_working_directory_are_shown_as_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "set.yaml", dump(SET))
    assert run(capsys, str(path)) == (0, [f"ok  {path}: question set 'test-set', 4 questions"])


def test_every_problem_is_printed_as_file_line_id_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    doc = edited(SET)
    doc["questions"][0]["answers"] = [True]
    doc["questions"][1]["kind"] = "human"
    text = dump(doc)
    write(tmp_path / "bad.yaml", text)
    write(tmp_path / "good.yaml", dump(edited(SET, id="good")))
    code, lines = run(capsys, "bad.yaml", "good.yaml")
    assert code == 1
    assert lines == [
        "ok  good.yaml: question set 'good', 4 questions",
        f"bad.yaml:{line_of(text, '- true')}: [q-ann] answer is a boolean; quote it: 'true'",
        f"bad.yaml:{line_of(text, 'kind: human')}: [q-bob] kind 'human' is not one of: person, "
        "character, place, number, title, organisation, thing",
        "2 problems found",
    ]


def test_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    code, lines = run(capsys, str(missing))
    assert code == 1
    assert lines == [f"{missing}: cannot read file: No such file or directory", "1 problem found"]


def test_a_syntax_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "broken.yaml", "id: x\ntitle: [unclosed\n")
    code, lines = run(capsys, str(path))
    assert code == 1
    assert lines[0].startswith(f"{path}:3: not valid YAML: ")


def test_sets_that_generate_use_the_bundled_whoswho(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = edited(SET, generate={"from_relations": ["plays"]})
    doc["source"] = {**doc["source"], "paragraphs": list(range(9))}
    path = write(tmp_path / "set.yaml", dump(doc))
    code, lines = run(capsys, str(path))
    assert code == 0, lines
    [line] = lines
    count = int(line.removeprefix(f"ok  {path}: question set 'test-set', ").split()[0])
    assert count > 4


def test_sets_sharing_an_id_are_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first = write(tmp_path / "a.yaml", dump(SET))
    second = write(tmp_path / "b.yaml", dump(SET))
    code, lines = run(capsys, str(first), str(second))
    assert code == 1
    assert f"{second}: [test-set] question set id 'test-set' is also used by {first}" in lines


def test_a_broken_bundled_whoswho_explains_why_generation_failed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = dump(edited(WHOSWHO, title=""))
    whoswho = write(tmp_path / "whoswho.yaml", text)
    generating = edited(SET, generate={"from_relations": ["plays"]})
    sets = [write(tmp_path / "set.yaml", dump(generating))]
    paths = BundledPaths(whoswho, sets)
    monkeypatch.setattr("bot.cli.validate.bundled_paths", lambda: paths)
    title_line = line_of(text, "title:")
    code, lines = run(capsys)
    assert code == 1
    whoswho_problem = f"{whoswho}:{title_line}: [test-whoswho] title is empty"
    assert lines.count(whoswho_problem) == 1
    assert any(line.endswith(NEEDS_WHOSWHO) for line in lines)
    code, lines = run(capsys, str(sets[0]))
    assert code == 1
    assert whoswho_problem in lines


def test_validate_does_not_import_discord() -> None:
    code = (
        "import sys, bot.cli.validate, trivia.content.library; sys.exit('discord' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[3]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0
