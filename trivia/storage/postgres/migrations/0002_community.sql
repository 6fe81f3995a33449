-- Schema version 2 on PostgreSQL: level with SQLite's migrations 0004-0007.
--
-- * guild_settings.reveal_pause (SQLite 0004): the pause between a question's reveal and the
--   next question.
-- * questions.family and questions.excludes, entities.pronoun (SQLite 0005): what keeps a
--   round free of questions that give each other away, and the optional pronoun.
-- * questions.entity_names (SQLite 0006): the who's-who's other names for a question's
--   answer. Sets imported before this version have none stored, so their content hashes are
--   cleared: the next import of an unchanged file stores them again.
-- * guild_settings.spoilers and report_threshold, question_reports, guild_sets,
--   guild_disabled_sets and an index of awards by player (SQLite 0007); see that file for
--   what each holds.

ALTER TABLE guild_settings ADD COLUMN reveal_pause INTEGER NOT NULL DEFAULT 4;
ALTER TABLE guild_settings ADD COLUMN spoilers BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE guild_settings ADD COLUMN report_threshold INTEGER NOT NULL DEFAULT 0;

ALTER TABLE questions ADD COLUMN family TEXT;
ALTER TABLE questions ADD COLUMN excludes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE questions ADD COLUMN entity_names TEXT NOT NULL DEFAULT '[]';
ALTER TABLE entities ADD COLUMN pronoun TEXT;

UPDATE question_sets SET content_hash = '';

CREATE TABLE question_reports (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    guild_id    BIGINT NOT NULL,
    set_id      TEXT NOT NULL,
    set_version TEXT NOT NULL,
    question_id TEXT NOT NULL,
    user_id     BIGINT NOT NULL,
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
    guild_id     BIGINT NOT NULL,
    set_id       TEXT NOT NULL,
    yaml         TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    uploaded_by  BIGINT NOT NULL,
    uploaded_at  TEXT NOT NULL,
    PRIMARY KEY (guild_id, set_id)
);

CREATE TABLE guild_disabled_sets (
    guild_id BIGINT NOT NULL,
    set_id   TEXT NOT NULL,
    PRIMARY KEY (guild_id, set_id)
);

-- Forgetting a player deletes their awards: find them without a full scan.
CREATE INDEX awards_user ON awards (user_id);
