"""The one place that wires the bot: config -> logging -> Store -> content -> client -> run.

Lifetimes nest visibly: the store outlives the client, and on SIGINT/SIGTERM the running
rounds are saved first, then the client disconnects, then the store closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Iterable, Iterator

import discord

from bot.client import TriviaBot, make_bot
from bot.config import Config
from trivia.content.library import Library, import_library, load_library
from trivia.errors import ContentError, StorageError
from trivia.records import ImportStatus
from trivia.storage import Store, open_store

log = logging.getLogger(__name__)

LOG_FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"
REDACTED = "[redacted]"

BAD_TOKEN = (
    "Discord rejected the bot token. Reset it in the Developer Portal (your application ->"
    " Bot -> Reset Token) and update DISCORD_TOKEN or the token in config.yaml."
)
MISSING_INTENT = (
    "typed_answers_in_chat needs the Message Content intent. Switch it on in the Developer"
    " Portal (your application -> Bot -> Privileged Gateway Intents), or set"
    " typed_answers_in_chat: false in config.yaml (players can still use /answer)."
)


class RedactFilter(logging.Filter):
    """Blanks secrets out of every record a handler emits (a second line of defence)."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self._secrets):
            for secret in self._secrets:
                message = message.replace(secret, REDACTED)
            record.msg, record.args = message, None
        return True


@contextlib.contextmanager
def logging_to_stderr(level: str, *, secrets: Iterable[str] = ()) -> Iterator[None]:
    """Log at `level` to stderr for the duration; library chatter is capped at INFO."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RedactFilter(secrets))
    quieter = max(logging.INFO, logging.getLevelName(level))
    levels = {
        logging.getLogger(): level,
        # Their DEBUG output is every gateway payload and every SQL statement.
        logging.getLogger("discord"): quieter,
        logging.getLogger("aiosqlite"): quieter,
    }
    previous = {logger: logger.level for logger in levels}
    for logger, new_level in levels.items():
        logger.setLevel(new_level)
    logging.getLogger().addHandler(handler)
    try:
        yield
    finally:
        logging.getLogger().removeHandler(handler)
        for logger, old_level in previous.items():
            logger.setLevel(old_level)


async def load_content(store: Store) -> Library:
    """Import the bundled content when it changed; play every set the database holds."""
    bundled = load_library()
    statuses = await import_library(store, bundled)
    for content_id, status in statuses.items():
        if status is not ImportStatus.UNCHANGED:
            log.info("Bundled content %s: %s", content_id, status.value)
    sets = await store.load_question_sets()
    log.info("%d question sets, %d who's-who entries", len(sets), len(bundled.whoswho.entities))
    return Library(sets=sets, whoswho=bundled.whoswho)


async def _until_stopped(bot: TriviaBot, token: str, stop: asyncio.Event) -> None:
    """Run the client until it fails or `stop` is set, then save rounds and disconnect."""
    client = asyncio.create_task(bot.start(token), name="discord-client")
    stopped = asyncio.create_task(stop.wait(), name="stop-signal")
    try:
        await asyncio.wait({client, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
        if not client.done():
            log.info("Shutting down: saving running rounds")
        try:
            await bot.driver.shutdown()
        finally:
            await bot.close()
            if not client.done():
                client.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await client  # re-raises a failure such as a rejected token


@contextlib.contextmanager
def _stop_on_signals(stop: asyncio.Event) -> Iterator[None]:
    loop = asyncio.get_running_loop()
    installed = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # e.g. Windows
            loop.add_signal_handler(sig, stop.set)
            installed.append(sig)
    try:
        yield
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)


async def serve(config: Config) -> None:
    """Open the store, load content, run the bot until SIGINT or SIGTERM."""
    assert config.token, "serve() needs a token; the run command checks for one"
    stop = asyncio.Event()
    log.info("Database: %s", config.database_label)
    store = await open_store(config.database)
    try:
        library = await load_content(store)
        bot = make_bot(config, store, library)
        with _stop_on_signals(stop):
            await _until_stopped(bot, config.token, stop)
    finally:
        await store.close()
    log.info("Stopped cleanly")


def launch(config: Config) -> int:
    """Run the bot in this process; the exit code for `trivia-bot run`."""
    with logging_to_stderr(config.log_level, secrets=[config.token or ""]):
        try:
            asyncio.run(serve(config))
        except discord.LoginFailure:
            log.error(BAD_TOKEN)
            return 2
        except discord.PrivilegedIntentsRequired:
            log.error(MISSING_INTENT)
            return 2
        except (ContentError, StorageError) as error:
            log.error("Cannot start: %s", error)
            return 2
        except (OSError, discord.GatewayNotFound) as error:
            log.error("Cannot reach Discord (%s); check the network connection.", error)
            return 1
    return 0
