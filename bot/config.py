"""The bot's settings: `config.yaml` -> a frozen `Config`, with clear errors.

Every key is optional; a missing file means all defaults. The token may come from the
environment (`DISCORD_TOKEN`, which wins over the file) so it never has to be written down;
so may the database (`DATABASE_URL`) and the shards a process runs (`TRIVIA_SHARD_COUNT`,
`TRIVIA_SHARD_IDS`, `TRIVIA_SYNC_COMMANDS`), so containers share one file.
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
from urllib.parse import urlsplit, urlunsplit

from bot.config_yaml import YamlProblem, load_yaml
from trivia.shards import guild_on_shards

CONFIG_FILENAME = "config.yaml"
TOKEN_ENV = "DISCORD_TOKEN"
DATABASE_ENV = "DATABASE_URL"
SHARD_COUNT_ENV = "TRIVIA_SHARD_COUNT"
SHARD_IDS_ENV = "TRIVIA_SHARD_IDS"
SYNC_COMMANDS_ENV = "TRIVIA_SYNC_COMMANDS"
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
    database: Path | str = Path("trivia.db")  # a SQLite file, or a postgresql:// URL
    log_level: str = "INFO"
    dev_guild_ids: tuple[int, ...] = ()
    sync_globally: bool = False
    sync_commands: bool = True  # False: leave syncing to another process
    typed_answers_in_chat: bool = False
    shard_count: int | None = None  # None, with shard_ids None: one unsharded connection
    shard_ids: tuple[int, ...] | None = None  # None: every shard of shard_count
    source: Path | None = None  # the file these settings came from, if any

    def instance_name(self) -> str:
        """Names this process in round leases: a restart of the same process reclaims its
        rounds at once, while another process waits for their leases to lapse."""
        return socket.gethostname()

    @property
    def sharded(self) -> bool:
        return self.shard_count is not None

    def serves_guild(self, guild_id: int) -> bool:
        """Whether this process runs the shard of `guild_id` (always, when unsharded)."""
        if self.shard_count is None:
            return True
        return guild_on_shards(guild_id, self.shard_ids, self.shard_count)

    @property
    def database_label(self) -> str:
        """The database for logs: a URL without its password."""
        return _without_password(self.database)


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


def _shard_count(key: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{key} must be a whole number of shards, at least 1, not {value!r}")
    return value


def _shard_ids(key: str, value: Any) -> tuple[int, ...] | None:
    """A list of shard numbers, or (from the environment) the same written "0,1"."""
    if value is None:
        return None
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not value:
        raise TypeError(f'{key} must list shard numbers, e.g. [0, 1] (or "0,1")')
    ids = []
    for item in value:
        if isinstance(item, str) and item.isdigit():
            item = int(item)
        if isinstance(item, bool) or not isinstance(item, int) or item < 0:
            raise ValueError(f"{key} must list shard numbers (0 or more), not {item!r}")
        ids.append(item)
    if len(set(ids)) != len(ids):
        raise ValueError(f"{key} lists a shard twice: {ids}")
    return tuple(sorted(ids))


def _env_flag(key: str, value: Any) -> bool:
    text = _text(key, value).strip().lower()
    if text in ("1", "true", "yes"):
        return True
    if text in ("0", "false", "no"):
        return False
    raise ValueError(f"{key} must be true or false, not {value!r}")


def _without_password(database: Path | str) -> str:
    if isinstance(database, Path):
        return str(database)
    parts = urlsplit(database)
    if parts.password is None:
        return database
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def is_database_url(text: str) -> bool:
    return text.startswith(("postgresql://", "postgres://"))


_PARSERS: dict[str, Callable[[str, Any], Any]] = {
    "token": _optional_text,
    "database": _text,
    "log_level": _log_level,
    "dev_guild_ids": _guild_ids,
    "sync_globally": _flag,
    "sync_commands": _flag,
    "typed_answers_in_chat": _flag,
    "shard_count": _shard_count,
    "shard_ids": _shard_ids,
}

_ENVIRONMENT: dict[str, tuple[str, Callable[[str, Any], Any]]] = {
    SHARD_COUNT_ENV: ("shard_count", _shard_count),
    SHARD_IDS_ENV: ("shard_ids", _shard_ids),
    SYNC_COMMANDS_ENV: ("sync_commands", _env_flag),
}
"""Environment variables that win over a config key, with the parser of their text."""


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
        values["database"] = _database(values["database"], base_dir)
    return values


def _database(text: str, base_dir: Path | None) -> Path | str:
    """A URL as it is; a path resolved against `base_dir`."""
    if is_database_url(text):
        return text
    database = Path(text).expanduser()
    return database if base_dir is None else base_dir / database


def _check_shards(values: dict[str, Any], where: str) -> None:
    count, ids = values.get("shard_count"), values.get("shard_ids")
    if ids is not None and count is None:
        raise ConfigError(
            f"{where}: shard_ids needs shard_count, the number of shards all processes share"
        )
    if ids is not None and count is not None and max(ids) >= count:
        raise ConfigError(
            f"{where}: shard_ids {list(ids)} must be below shard_count {count} "
            f"(shards are numbered 0 to {count - 1})"
        )


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
    env_database = environ.get(DATABASE_ENV, "").strip()
    if env_database:
        values["database"] = _database(env_database, cwd)
    for variable, (key, parser) in _ENVIRONMENT.items():
        raw = environ.get(variable, "").strip()
        if raw:
            try:
                values[key] = parser(variable, raw)
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"environment: {exc}") from None
    _check_shards(values, str(path) if path is not None else "configuration")
    return Config(**values)
