-- Schema version 1 on PostgreSQL: the same tables as SQLite's migrations 0001-0004.
-- Applied by trivia.storage.postgres.migrations inside one transaction, under an advisory
-- lock; never edit a released file, add the next numbered one instead.
--
-- Ids are BIGINT (Discord snowflakes); timestamps are the same UTC ISO-8601 text SQLite holds
-- (trivia.storage.codec.timestamp), and lists and objects the same JSON text, so both
-- backends share one codec. Flags are BOOLEAN.

-- Content ---------------------------------------------------------------------------------

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
);

-- import_order stands in for SQLite's rowid: "the one imported most recently" breaks ties
-- of imported_at by it, and an update keeps it, as an upsert keeps a rowid.
CREATE TABLE whoswho (
    id           TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    source       TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    import_order BIGINT GENERATED ALWAYS AS IDENTITY
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
);

CREATE TABLE aliases (
    whoswho_id TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    position   INTEGER NOT NULL,
    alias      TEXT NOT NULL,
    PRIMARY KEY (whoswho_id, entity_id, position),
    FOREIGN KEY (whoswho_id, entity_id) REFERENCES entities (whoswho_id, id) ON DELETE CASCADE
);

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
);

-- Guilds ----------------------------------------------------------------------------------

CREATE TABLE guild_settings (
    guild_id        BIGINT PRIMARY KEY,
    mode            TEXT NOT NULL,
    questions       INTEGER NOT NULL,
    time_limit      INTEGER NOT NULL,
    hints           BOOLEAN NOT NULL,
    reveal_answers  BOOLEAN NOT NULL,
    starter_role_id BIGINT,
    channel_ids     TEXT NOT NULL
);

-- Play ------------------------------------------------------------------------------------
-- lease_until is seconds since the epoch, on the wall clock of the store that wrote it.

CREATE TABLE rounds (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    guild_id    BIGINT NOT NULL,
    channel_id  BIGINT NOT NULL,
    set_id      TEXT NOT NULL,
    started_by  BIGINT NOT NULL,
    settings    TEXT NOT NULL,
    state       TEXT NOT NULL,
    status      TEXT NOT NULL
        CHECK (status IN ('running', 'finished', 'stopped', 'idle', 'interrupted')),
    started_at  TEXT NOT NULL,
    ended_at    TEXT,
    lease_owner TEXT NOT NULL DEFAULT '',
    lease_epoch BIGINT NOT NULL DEFAULT 0,
    lease_until DOUBLE PRECISION NOT NULL DEFAULT 0
);

CREATE INDEX rounds_running ON rounds (id) WHERE status = 'running';
CREATE UNIQUE INDEX rounds_running_channel ON rounds (channel_id) WHERE status = 'running';

CREATE TABLE awards (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id    BIGINT NOT NULL REFERENCES rounds (id),
    guild_id    BIGINT NOT NULL,
    set_id      TEXT NOT NULL,
    question_id TEXT NOT NULL,
    user_id     BIGINT NOT NULL,
    correct     BOOLEAN NOT NULL,
    points      INTEGER NOT NULL,
    answer_ms   INTEGER NOT NULL,
    awarded_at  TEXT NOT NULL
);

CREATE INDEX awards_round_user ON awards (round_id, user_id);

-- Running totals, kept in the same transaction as the awards they sum; guild_id -1 is every
-- guild combined, period_start '' for all time, else the Monday or the 1st (UTC).
CREATE TABLE player_stats (
    guild_id      BIGINT NOT NULL,
    period        TEXT NOT NULL CHECK (period IN ('all', 'week', 'month')),
    period_start  TEXT NOT NULL,
    user_id       BIGINT NOT NULL,
    points        BIGINT NOT NULL DEFAULT 0,
    correct       BIGINT NOT NULL DEFAULT 0,
    answered      BIGINT NOT NULL DEFAULT 0,
    rounds_played BIGINT NOT NULL DEFAULT 0,
    wins          BIGINT NOT NULL DEFAULT 0,
    streak        BIGINT NOT NULL DEFAULT 0,
    best_streak   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, period, period_start, user_id)
);

-- One index per leaderboard sort: a top-N list walks the head of one, and a rank counts the
-- index range of players strictly better. The accuracy key must stay identical to the one in
-- trivia/storage/postgres/leaderboards.py, and its WHERE to ACCURACY_INDEX_MIN_ANSWERS there.
CREATE INDEX player_stats_points
    ON player_stats (guild_id, period, period_start, points DESC, user_id);

CREATE INDEX player_stats_wins
    ON player_stats (guild_id, period, period_start, wins DESC, user_id);

CREATE INDEX player_stats_streak
    ON player_stats (guild_id, period, period_start, best_streak DESC, user_id);

CREATE INDEX player_stats_accuracy
    ON player_stats (
        guild_id, period, period_start, (correct::float8 / answered) DESC, user_id
    )
    INCLUDE (answered, correct)
    WHERE answered >= 10;

-- A round's answers before their question closes, once per player per question.
CREATE TABLE round_picks (
    round_id    BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    user_id     BIGINT NOT NULL,
    question_id TEXT NOT NULL,
    choice      TEXT NOT NULL,
    correct     BOOLEAN NOT NULL,
    points      INTEGER NOT NULL,
    answer_ms   INTEGER NOT NULL,
    PRIMARY KEY (round_id, number, user_id)
);

-- What each round owes its channel, in order; an ask keeps its message id once shown.
CREATE TABLE round_outbox (
    round_id   BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('ask', 'reveal', 'retire', 'podium', 'notice')),
    number     INTEGER NOT NULL,
    payload    TEXT NOT NULL,
    settled    BOOLEAN NOT NULL DEFAULT FALSE,
    message_id BIGINT,
    PRIMARY KEY (round_id, seq)
);

CREATE INDEX round_outbox_owed ON round_outbox (round_id, seq) WHERE NOT settled;
