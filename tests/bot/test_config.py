"""Config parsing: defaults, every key, the token override, and errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.client import intents_for
from bot.config import Config, ConfigError, load_config, parse_config

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.yaml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_defaults_with_the_database_in_cwd(tmp_path: Path) -> None:
    config = load_config(environ={}, cwd=tmp_path)

    assert config == Config(database=tmp_path / "trivia.db")
    assert config.token is None and config.source is None


def test_config_yaml_in_cwd_is_read(tmp_path: Path) -> None:
    write(tmp_path, "log_level: debug\ndev_guild_ids: [123456789012345678, '42']\n")

    config = load_config(environ={}, cwd=tmp_path)

    assert config.log_level == "DEBUG"
    assert config.dev_guild_ids == (123456789012345678, 42)
    assert config.source == tmp_path / "config.yaml"


def test_database_lives_beside_the_config_file(tmp_path: Path) -> None:
    elsewhere = tmp_path / "etc"
    elsewhere.mkdir()
    path = elsewhere / "bot.yaml"
    path.write_text("sync_globally: true\n", encoding="utf-8")

    config = load_config(path, environ={}, cwd=tmp_path)

    assert config.database == elsewhere / "trivia.db"
    assert config.sync_globally is True


def test_relative_database_is_resolved_beside_the_config(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "database: data/scores.db\n"), environ={}, cwd=Path("/"))

    assert config.database == tmp_path / "data" / "scores.db"


def test_env_token_wins_over_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "token: from-file\n")

    assert load_config(path, environ={}).token == "from-file"
    assert load_config(path, environ={"DISCORD_TOKEN": "from-env"}).token == "from-env"
    assert load_config(path, environ={"DISCORD_TOKEN": "  "}).token == "from-file"


def test_empty_token_counts_as_none(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, 'token: ""\n'), environ={}).token is None


def test_token_is_not_in_the_repr(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "token: s3cr3t-token\n"), environ={})

    assert "s3cr3t-token" not in repr(config)


def test_unknown_key_is_named_with_its_line_and_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path, "log_level: INFO\n\ntokn: abc\n")

    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})

    message = str(caught.value)
    assert message.startswith(f"{path}:3: unknown key 'tokn'")
    assert "did you mean 'token'?" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sync_globally: yes please\n", "sync_globally must be true or false"),
        ("log_level: LOUD\n", "log_level must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
        ("dev_guild_ids: 12345\n", "dev_guild_ids must be a list"),
        ("dev_guild_ids: [-1]\n", "dev_guild_ids must hold Discord server IDs"),
        ("dev_guild_ids: [true]\n", "dev_guild_ids must hold Discord server IDs"),
        ("database: 7\n", "database must be a string"),
        ("typed_answers_in_chat: 1\n", "typed_answers_in_chat must be true or false"),
    ],
)
def test_wrong_types_are_named(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, "config.yaml")

    assert str(caught.value).startswith(f"config.yaml:1: {expected}")


def test_broken_yaml_reports_a_line() -> None:
    with pytest.raises(ConfigError, match=r"^config\.yaml:2: mapping values are not allowed"):
        parse_config("log_level: INFO\nsync_globally: true: false\n", "config.yaml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "log_level: INFO\ndev_guild_ids: [1, 2\n",
            "config.yaml:2: the [ list that begins here is not closed"
            " (expected ',' or ']', but got '<stream end>' at line 3)",
        ),
        (
            "log_level: INFO\ndev_guild_ids: [1, 2\nsync_globally: true\n",
            "config.yaml:2: the [ list that begins here is not closed",
        ),
        (
            'log_level: INFO\ntoken: "abc\n\nsync_globally: true\n',
            "config.yaml:2: the quoted text that begins here is not closed",
        ),
        ("log_level: INFO\ndev_guild_ids: {a: 1\n\n", "config.yaml:2: the { mapping"),
        ("log_level: INFO\nsync_globally\ntoken: x\n", "config.yaml:2: the text here is"),
    ],
    ids=["unclosed list", "unclosed list, more keys", "unclosed quote", "unclosed map", "no colon"],
)
def test_unclosed_yaml_is_reported_where_it_opens(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, "config.yaml")

    assert str(caught.value).startswith(expected)


def test_a_duplicate_key_names_both_lines() -> None:
    text = "database: a.db\nlog_level: INFO\ndatabase: b.db\n"

    with pytest.raises(ConfigError) as caught:
        parse_config(text, "config.yaml")

    assert str(caught.value) == (
        "config.yaml:3: duplicate key 'database' (first at line 1, again at line 3); keep one"
    )


def test_a_duplicate_key_inside_a_value_is_refused_too() -> None:
    with pytest.raises(ConfigError, match=r"^config\.yaml:2: duplicate key 'a' \(first at line 2"):
        parse_config("log_level: INFO\ndev_guild_ids: {a: 1, a: 2}\n", "config.yaml")


def test_a_control_character_is_placed() -> None:
    with pytest.raises(ConfigError, match=r"^config\.yaml:2: character '\\x07' is not allowed"):
        parse_config("log_level: INFO\ntoken: \x07\n", "config.yaml")


def test_a_list_at_the_top_is_refused() -> None:
    with pytest.raises(ConfigError, match="expected 'key: value' lines"):
        parse_config("- token\n", "config.yaml")


def test_missing_explicit_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "nope.yaml", environ={})


def test_the_example_config_parses_to_the_defaults(tmp_path: Path) -> None:
    values = parse_config(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE), base_dir=tmp_path)

    assert Config(**values) == Config(database=tmp_path / "trivia.db")


def test_the_example_config_documents_every_key() -> None:
    keys = set(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))
    fields = set(Config.__dataclass_fields__) - {"source"}

    assert keys == fields


def test_intents_are_minimal() -> None:
    plain = intents_for(Config())
    chat = intents_for(Config(typed_answers_in_chat=True))

    assert plain.guilds and not plain.guild_messages and not plain.message_content
    assert not plain.members and not plain.presences
    assert chat.guild_messages and chat.message_content and not chat.members


def test_database_url_from_the_file_or_the_environment(tmp_path: Path) -> None:
    url = "postgresql://trivia:s3cret@db:5432/trivia"
    write(tmp_path, f"database: {url}\n")
    assert load_config(environ={}, cwd=tmp_path).database == url

    from_env = load_config(environ={"DATABASE_URL": "postgres://x@y/z"}, cwd=tmp_path)
    assert from_env.database == "postgres://x@y/z"
    assert Config(database=url).database_label == "postgresql://trivia:***@db:5432/trivia"
    path_from_env = load_config(environ={"DATABASE_URL": "data/t.db"}, cwd=tmp_path)
    assert path_from_env.database == tmp_path / "data" / "t.db"


def test_shards_and_sync_from_the_file_and_the_environment(tmp_path: Path) -> None:
    write(tmp_path, "shard_count: 4\nshard_ids: [2, 0]\nsync_commands: false\n")
    config = load_config(environ={}, cwd=tmp_path)
    assert (config.shard_count, config.shard_ids, config.sync_commands) == (4, (0, 2), False)
    assert config.sharded

    environ = {"TRIVIA_SHARD_COUNT": "2", "TRIVIA_SHARD_IDS": "1", "TRIVIA_SYNC_COMMANDS": "yes"}
    config = load_config(environ=environ, cwd=tmp_path)
    assert (config.shard_count, config.shard_ids, config.sync_commands) == (2, (1,), True)
    assert not load_config(environ={}, cwd=tmp_path / "nowhere").sharded


@pytest.mark.parametrize(
    ("text", "environ", "message"),
    [
        ("shard_ids: [0]\n", {}, "shard_ids needs shard_count"),
        ("shard_count: 2\nshard_ids: [0, 2]\n", {}, "numbered 0 to 1"),
        ("shard_count: 0\n", {}, r"config.yaml:1: shard_count must be .* at least 1"),
        ("shard_count: 2\nshard_ids: [1, 1]\n", {}, "lists a shard twice"),
        ("shard_count: 2\nshard_ids: [-1]\n", {}, "0 or more"),
        ("", {"TRIVIA_SHARD_COUNT": "two"}, "environment: TRIVIA_SHARD_COUNT must be"),
        ("", {"TRIVIA_SHARD_COUNT": "2", "TRIVIA_SHARD_IDS": "0,x"}, "TRIVIA_SHARD_IDS"),
        ("", {"TRIVIA_SYNC_COMMANDS": "maybe"}, "TRIVIA_SYNC_COMMANDS must be true or false"),
    ],
)
def test_bad_shard_settings_say_what_is_wrong(
    tmp_path: Path, text: str, environ: dict[str, str], message: str
) -> None:
    write(tmp_path, text)
    with pytest.raises(ConfigError, match=message):
        load_config(environ=environ, cwd=tmp_path)


def test_a_process_serves_the_guilds_of_its_shards_only() -> None:
    on_shard_1 = (7 << 22) | 5  # (7 % 2) == 1
    assert Config().serves_guild(on_shard_1)
    assert Config(shard_count=2).serves_guild(on_shard_1)
    assert Config(shard_count=2, shard_ids=(1,)).serves_guild(on_shard_1)
    assert not Config(shard_count=2, shard_ids=(0,)).serves_guild(on_shard_1)
