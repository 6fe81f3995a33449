"""`trivia/` never imports discord: not in its source, and not through anything it imports."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import trivia

PACKAGE = Path(trivia.__file__).parent
ROOT = PACKAGE.parent


def discord_imports(source: str, filename: str = "<source>") -> list[tuple[int, str]]:
    """(line, module) for every import statement of discord or a discord submodule.

    Statements under `if TYPE_CHECKING:` count too: the rule is about the source.
    """
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [(node.lineno, n) for n in names if n == "discord" or n.startswith("discord.")]
    return found


def test_the_check_sees_every_form_of_import() -> None:
    source = (
        "import os, discord\n"
        "from discord.ext import commands\n"
        "from . import discord\n"
        "import discordant\n"
        "def f():\n"
        "    import discord.ui as ui\n"
    )
    assert discord_imports(source) == [(1, "discord"), (2, "discord.ext"), (6, "discord.ui")]


def test_no_trivia_source_file_imports_discord() -> None:
    sources = sorted(PACKAGE.rglob("*.py"))
    assert PACKAGE / "engine" / "round.py" in sources
    assert PACKAGE / "storage" / "sqlite" / "store.py" in sources
    hits = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sources
        for line, module in discord_imports(path.read_text(encoding="utf-8"), str(path))
    ]
    assert hits == []


def test_importing_every_trivia_module_leaves_discord_unloaded() -> None:
    """In a fresh interpreter, since this test process may have discord loaded already."""
    modules = sorted(m.name for m in pkgutil.walk_packages(trivia.__path__, "trivia."))
    assert {"trivia.content.library", "trivia.engine.round", "trivia.storage.sqlite.store"} <= set(
        modules
    )
    code = (
        f"import {', '.join(modules)}; import sys; "
        "assert 'discord' not in sys.modules, sorted(m for m in sys.modules if 'discord' in m)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
