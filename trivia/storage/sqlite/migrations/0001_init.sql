-- Schema version 1: content, rounds, awards, per-player stats and guild settings.
-- Applied inside one transaction by trivia.storage.migrations; never edit a released file,
-- add the next numbered one instead.

-- Content ---------------------------------------------------------------------------------
-- Lists (answers, choices, tags, paragraph numbers) are JSON arrays; source refs JSON objects.
-- content_hash fingerprints what was imported, so importing the same content writes nothing.

CREATE TABLE question_sets (
    id                  TEXT PRIMARY KEY,
    title               TEXT NOT NULL,
    description         TEXT NOT NULL,
    show                TEXT NOT NULL,
    source              TEXT NOT NULL,
    time_limit          INTEGER,
    questions_per_round INTEGER,
    content_hash        TEXT NOT NULL,
    imported_at         TEXT NOT NULL
);

-- Questions are replaced wholesale when their set changes; nothing references these rows,
-- so players' awards (which name questions by text id) survive any re-import.
CREATE TABLE questions (
    set_id      TEXT NOT NULL REFERENCES question_sets (id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    answers     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    explanation TEXT NOT NULL,
    source      TEXT NOT NULL,
    difficulty  TEXT NOT NULL,
    choices     TEXT NOT NULL,
    hint        TEXT,
    tags        TEXT NOT NULL,
    PRIMARY KEY (set_id, id)
) WITHOUT ROWID;

CREATE TABLE whoswho (
    id           TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    source       TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    imported_at  TEXT NOT NULL
);

CREATE TABLE entities (
    whoswho_id  TEXT NOT NULL REFERENCES whoswho (id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    description TEXT NOT NULL,
    source      TEXT NOT NULL,
    PRIMARY KEY (whoswho_id, id)
) WITHOUT ROWID;

CREATE TABLE aliases (
    whoswho_id TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    position   INTEGER NOT NULL,
    alias      TEXT NOT NULL,
    PRIMARY KEY (whoswho_id, entity_id, position),
    FOREIGN KEY (whoswho_id, entity_id) REFERENCES entities (whoswho_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

-- Relations are inserted after all of their who's-who's entities, so the target can be
-- checked at once (a deferred check would only fail at COMMIT, for a whole batch of writes).
CREATE TABLE relations (
    whoswho_id TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    target     TEXT NOT NULL,
    source     TEXT NOT NULL,
    PRIMARY KEY (whoswho_id, entity_id, position),
    FOREIGN KEY (whoswho_id, entity_id) REFERENCES entities (whoswho_id, id) ON DELETE CASCADE,
    FOREIGN KEY (whoswho_id, target) REFERENCES entities (whoswho_id, id)
) WITHOUT ROWID;

-- Guilds ----------------------------------------------------------------------------------

CREATE TABLE guild_settings (
    guild_id        INTEGER PRIMARY KEY,
    mode            TEXT NOT NULL,
    questions       INTEGER NOT NULL,
    time_limit      INTEGER NOT NULL,
    hints           INTEGER NOT NULL CHECK (hints IN (0, 1)),
    reveal_answers  INTEGER NOT NULL CHECK (reveal_answers IN (0, 1)),
    starter_role_id INTEGER,
    channel_ids     TEXT NOT NULL
);

-- Play ------------------------------------------------------------------------------------
-- set_id is plain text, not a foreign key: history outlives the content it was played on.

CREATE TABLE rounds (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    set_id     TEXT NOT NULL,
    started_by INTEGER NOT NULL,
    settings   TEXT NOT NULL,
    state      TEXT NOT NULL,
    status     TEXT NOT NULL
        CHECK (status IN ('running', 'finished', 'stopped', 'idle', 'interrupted')),
    started_at TEXT NOT NULL,
    ended_at   TEXT
);

CREATE INDEX rounds_running ON rounds (id) WHERE status = 'running';

-- One row per judged answer. guild_id and set_id are copied from the round so history
-- queries need no join.
CREATE TABLE awards (
    id          INTEGER PRIMARY KEY,
    round_id    INTEGER NOT NULL REFERENCES rounds (id),
    guild_id    INTEGER NOT NULL,
    set_id      TEXT NOT NULL,
    question_id TEXT NOT NULL,
    user_id     INTEGER NOT NULL,
    correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
    points      INTEGER NOT NULL,
    answer_ms   INTEGER NOT NULL,
    awarded_at  TEXT NOT NULL
);

CREATE INDEX awards_round_user ON awards (round_id, user_id);

-- Running totals, kept in the same transaction as the awards they sum.
-- One row per (scope, period, user): guild_id -1 is every guild combined; period 'all' has
-- period_start '', 'week' the Monday and 'month' the 1st it covers (UTC, YYYY-MM-DD).
-- streak and best_streak count correct answers in a row within that scope and period.
CREATE TABLE player_stats (
    guild_id      INTEGER NOT NULL,
    period        TEXT NOT NULL CHECK (period IN ('all', 'week', 'month')),
    period_start  TEXT NOT NULL,
    user_id       INTEGER NOT NULL,
    points        INTEGER NOT NULL DEFAULT 0,
    correct       INTEGER NOT NULL DEFAULT 0,
    answered      INTEGER NOT NULL DEFAULT 0,
    rounds_played INTEGER NOT NULL DEFAULT 0,
    wins          INTEGER NOT NULL DEFAULT 0,
    streak        INTEGER NOT NULL DEFAULT 0,
    best_streak   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, period, period_start, user_id)
) WITHOUT ROWID;
