"""The bot's settings: `config.yaml` -> a frozen `Config`, with clear errors.

Every key is optional; a missing file means all defaults. The token may come from the
environment (`DISCORD_TOKEN`, which wins over the file) so it never has to be written down.
Errors name the key and, when the file has one, its line, so a typo is a one-line fix.
"""

from __future__ import annotations

import difflib
import os
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.config_yaml import YamlProblem, load_yaml

CONFIG_FILENAME = "config.yaml"
TOKEN_ENV = "DISCORD_TOKEN"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


NO_TOKEN_HELP = """\
No Discord bot token found. To get one:
  1. Open the Discord Developer Portal, https://discord.com/developers/applications,
     and click "New Application".
  2. Open "Bot" and click "Reset Token"; copy the token (it is shown once).
  3. Invite the bot: "OAuth2" -> "URL Generator", scopes "bot" and "applications.commands",
     then open the generated URL and pick your server.
  4. Give the token to trivia-bot, either
       export DISCORD_TOKEN=...            (preferred: nothing secret on disk), or
       token: "..."  in config.yaml        (copy config.example.yaml; keep it private).
No token needed to try things offline:
  trivia-bot play          play a round in this terminal
  trivia-bot whois NAME    look someone up in the who's-who
  trivia-bot validate      check the question sets"""


class ConfigError(Exception):
    """The config file cannot be used; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Config:
    token: str | None = field(default=None, repr=False)  # never shown in reprs or logs
    database: Path = Path("trivia.db")
    log_level: str = "INFO"
    dev_guild_ids: tuple[int, ...] = ()
    sync_globally: bool = False
    typed_answers_in_chat: bool = False
    source: Path | None = None  # the file these settings came from, if any

    def instance_name(self) -> str:
        """Names this process in round leases: a restart of the same process reclaims its
        rounds at once, while another process waits for their leases to lapse."""
        return socket.gethostname()

    def serves_guild(self, guild_id: int) -> bool:
        """Whether this process drives the rounds of `guild_id` (one process serves all)."""
        return guild_id >= 0


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{key} must be a string")
    return value


def _optional_text(key: str, value: Any) -> str | None:
    return None if value is None else _text(key, value).strip() or None


def _flag(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{key} must be true or false")
    return value


def _log_level(key: str, value: Any) -> str:
    level = _text(key, value).upper()
    if level not in LOG_LEVELS:
        raise ValueError(f"{key} must be one of {', '.join(LOG_LEVELS)}, not {value!r}")
    return level


def _snowflake(key: str, value: Any) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise TypeError(f"{key} must hold Discord server IDs (positive whole numbers)")
    return value


def _guild_ids(key: str, value: Any) -> tuple[int, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise TypeError(f"{key} must be a list of Discord server IDs, e.g. [123456789012345678]")
    return tuple(_snowflake(key, item) for item in value)


_PARSERS: dict[str, Callable[[str, Any], Any]] = {
    "token": _optional_text,
    "database": _text,
    "log_level": _log_level,
    "dev_guild_ids": _guild_ids,
    "sync_globally": _flag,
    "typed_answers_in_chat": _flag,
}


def _unknown_key_message(key: str) -> str:
    close = difflib.get_close_matches(key, _PARSERS, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown key {key!r}{hint}; known keys: {', '.join(_PARSERS)}"


def parse_config(
    text: str, filename: str = CONFIG_FILENAME, *, base_dir: Path | None = None
) -> dict[str, Any]:
    """Validate YAML text into Config keyword arguments (without the token override)."""
    try:
        data, lines = load_yaml(text)
    except YamlProblem as problem:
        where = filename if problem.line is None else f"{filename}:{problem.line}"
        raise ConfigError(f"{where}: {problem.message}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{filename}: expected 'key: value' lines at the top level")
    values: dict[str, Any] = {}
    for key, raw in data.items():
        where = f"{filename}:{lines[key]}" if key in lines else filename
        parser = _PARSERS.get(str(key))
        if parser is None:
            raise ConfigError(f"{where}: {_unknown_key_message(str(key))}")
        try:
            values[str(key)] = parser(str(key), raw)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{where}: {exc}") from None
    if "database" in values:
        database = Path(values["database"]).expanduser()
        values["database"] = database if base_dir is None else base_dir / database
    return values


def load_config(
    path: Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Config:
    """Read `path`, or `config.yaml` in `cwd` when it exists, else use the defaults.

    Relative paths (the database) are resolved beside the config file, so the bot finds
    the same database whichever directory it is started from.
    """
    environ = os.environ if environ is None else environ
    cwd = Path.cwd() if cwd is None else cwd
    if path is None and (cwd / CONFIG_FILENAME).is_file():
        path = cwd / CONFIG_FILENAME
    values: dict[str, Any] = {}
    base_dir = cwd
    if path is not None:
        path = path if path.is_absolute() else cwd / path
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(f"{path}: no such config file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot be read ({exc})") from None
        base_dir = path.parent
        values = parse_config(text, str(path), base_dir=base_dir)
        values["source"] = path
    values.setdefault("database", base_dir / "trivia.db")
    env_token = environ.get(TOKEN_ENV, "").strip()
    if env_token:
        values["token"] = env_token
    return Config(**values)
