-- Schema version 6: what trivia communities asked for.
--
-- * Two server settings: reveals behind spoiler tags, and how many open reports take a
--   question out of the server's rounds (0: never).
-- * question_reports: a player's report of a wrong question, once per player per question in
--   a server; set_version is the set's content hash when reported, so a moderator can tell
--   whether the set has changed since. Closed reports are kept (resolved or dismissed).
-- * guild_sets: question sets a server uploaded, as the YAML it sent, playable there only.
--   Awards name sets and questions by text id, so replacing a set keeps its history.
-- * guild_disabled_sets: bundled sets a server switched off for itself.

ALTER TABLE guild_settings ADD COLUMN spoilers INTEGER NOT NULL DEFAULT 0 CHECK (spoilers IN (0, 1));
ALTER TABLE guild_settings ADD COLUMN report_threshold INTEGER NOT NULL DEFAULT 0;

CREATE TABLE question_reports (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    set_id      TEXT NOT NULL,
    set_version TEXT NOT NULL,
    question_id TEXT NOT NULL,
    user_id     INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('answer', 'question', 'typo', 'other')),
    details     TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
    reported_at TEXT NOT NULL,
    closed_at   TEXT,
    UNIQUE (guild_id, set_id, question_id, user_id)
);

CREATE INDEX question_reports_open
    ON question_reports (guild_id, set_id, question_id) WHERE status = 'open';
CREATE INDEX question_reports_user ON question_reports (user_id);

CREATE TABLE guild_sets (
    guild_id     INTEGER NOT NULL,
    set_id       TEXT NOT NULL,
    yaml         TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    uploaded_by  INTEGER NOT NULL,
    uploaded_at  TEXT NOT NULL,
    PRIMARY KEY (guild_id, set_id)
) WITHOUT ROWID;

CREATE TABLE guild_disabled_sets (
    guild_id INTEGER NOT NULL,
    set_id   TEXT NOT NULL,
    PRIMARY KEY (guild_id, set_id)
) WITHOUT ROWID;

-- Forgetting a player deletes their awards: find them without a full scan.
CREATE INDEX awards_user ON awards (user_id);
