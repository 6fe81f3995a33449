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

-- Round steps -----------------------------------------------------------------------------
-- trivia_apply_step writes one step of a round (trivia.storage.round_steps.RoundStep) in one
-- statement, so a step costs the bot one round trip to the server and one implicit
-- transaction, not one per table. The rules are Store.apply_step's, in its order:
--   * the round row is locked; missing raises TR002, not running TR003, and a lease other
--     than (owner, epoch) TR001 (LeaseLost);
--   * picks are inserted, a repeated (round, number, user) ignored;
--   * a closed question (closed_number not NULL) inserts its awards with the round's guild
--     and set, adds each player's one answer (points, right or not) to their six stats rows
--     (this guild and ALL_GUILDS = -1, for all time, the week and the month, whose keys the
--     caller passes), and deletes that question's picks; the stats rows are written in key
--     order, so concurrent steps sharing players lock them in the same order;
--   * the state is replaced when not NULL;
--   * an end (end_status not NULL) sets status and ended_at, credits a round played to
--     everyone with an award in the round and a win to each of `winners`, and deletes the
--     round's picks;
--   * announcements are appended with the next seqs, which the function returns.
-- One answer to an all-right-or-all-wrong question is the single-answer case of the stats
-- rules of trivia/storage/sqlite/stat_rows.py: right adds 1 to the streak and lifts the best
-- streak to it; wrong zeroes the streak and keeps the best.
CREATE FUNCTION trivia_apply_step(
    p_round_id BIGINT, p_owner TEXT, p_epoch BIGINT, p_at TEXT,
    p_week TEXT, p_month TEXT, p_state TEXT,
    p_pick_numbers INTEGER[], p_pick_users BIGINT[], p_pick_questions TEXT[],
    p_pick_choices TEXT[], p_pick_correct BOOLEAN[], p_pick_points INTEGER[],
    p_pick_ms INTEGER[],
    p_closed_number INTEGER,
    p_award_questions TEXT[], p_award_users BIGINT[], p_award_correct BOOLEAN[],
    p_award_points INTEGER[], p_award_ms INTEGER[],
    p_answer_users BIGINT[], p_answer_points BIGINT[], p_answer_correct BOOLEAN[],
    p_end_status TEXT, p_winners BIGINT[],
    p_owed_kinds TEXT[], p_owed_numbers INTEGER[], p_owed_payloads TEXT[]
) RETURNS INTEGER[]
LANGUAGE plpgsql AS $$
DECLARE
    r RECORD;
    last_seq INTEGER;
    seqs INTEGER[] := '{}';
BEGIN
    SELECT guild_id, set_id, status, lease_owner, lease_epoch INTO r
    FROM rounds WHERE id = p_round_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'there is no round %', p_round_id USING ERRCODE = 'TR002';
    END IF;
    IF r.status <> 'running' THEN
        RAISE EXCEPTION 'round % is no longer running (%)', p_round_id, r.status
            USING ERRCODE = 'TR003';
    END IF;
    IF r.lease_owner <> p_owner OR r.lease_epoch <> p_epoch THEN
        RAISE EXCEPTION 'round % is now driven by another process', p_round_id
            USING ERRCODE = 'TR001';
    END IF;

    INSERT INTO round_picks (round_id, number, user_id, question_id, choice, correct, points,
                             answer_ms)
    SELECT p_round_id, n, u, q, c, ok, pts, ms
    FROM unnest(p_pick_numbers, p_pick_users, p_pick_questions, p_pick_choices,
                p_pick_correct, p_pick_points, p_pick_ms) AS p (n, u, q, c, ok, pts, ms)
    ON CONFLICT (round_id, number, user_id) DO NOTHING;

    IF p_closed_number IS NOT NULL THEN
        INSERT INTO awards (round_id, guild_id, set_id, question_id, user_id, correct, points,
                            answer_ms, awarded_at)
        SELECT p_round_id, r.guild_id, r.set_id, q, u, ok, pts, ms, p_at
        FROM unnest(p_award_questions, p_award_users, p_award_correct, p_award_points,
                    p_award_ms) AS a (q, u, ok, pts, ms);

        INSERT INTO player_stats AS s (guild_id, period, period_start, user_id, points,
                                       correct, answered, streak, best_streak)
        SELECT k.g, k.p, k.ps, a.u, a.pts, a.ok::int, 1, a.ok::int, a.ok::int
        FROM unnest(p_answer_users, p_answer_points, p_answer_correct) AS a (u, pts, ok)
        CROSS JOIN (VALUES (r.guild_id, 'all', ''), (r.guild_id, 'week', p_week),
                           (r.guild_id, 'month', p_month), (-1::BIGINT, 'all', ''),
                           (-1::BIGINT, 'week', p_week), (-1::BIGINT, 'month', p_month))
            AS k (g, p, ps)
        ORDER BY k.g, k.p, k.ps, a.u
        ON CONFLICT (guild_id, period, period_start, user_id) DO UPDATE SET
            points = s.points + excluded.points,
            correct = s.correct + excluded.correct,
            answered = s.answered + 1,
            streak = CASE WHEN excluded.correct > 0 THEN s.streak + 1 ELSE 0 END,
            best_streak = GREATEST(s.best_streak,
                                   CASE WHEN excluded.correct > 0 THEN s.streak + 1 ELSE 0 END);

        DELETE FROM round_picks WHERE round_id = p_round_id AND number = p_closed_number;
    END IF;

    IF p_state IS NOT NULL THEN
        UPDATE rounds SET state = p_state WHERE id = p_round_id;
    END IF;

    IF p_end_status IS NOT NULL THEN
        UPDATE rounds SET status = p_end_status, ended_at = p_at WHERE id = p_round_id;
        INSERT INTO player_stats AS s (guild_id, period, period_start, user_id, rounds_played,
                                       wins)
        SELECT k.g, k.p, k.ps, u.u, u.played::int, (u.u = ANY (p_winners))::int
        FROM (SELECT pl.u, bool_or(pl.played) AS played
              FROM (SELECT DISTINCT user_id, TRUE FROM awards WHERE round_id = p_round_id
                    UNION ALL SELECT w, FALSE FROM unnest(p_winners) AS w) AS pl (u, played)
              GROUP BY pl.u) AS u
        CROSS JOIN (VALUES (r.guild_id, 'all', ''), (r.guild_id, 'week', p_week),
                           (r.guild_id, 'month', p_month), (-1::BIGINT, 'all', ''),
                           (-1::BIGINT, 'week', p_week), (-1::BIGINT, 'month', p_month))
            AS k (g, p, ps)
        ORDER BY k.g, k.p, k.ps, u.u
        ON CONFLICT (guild_id, period, period_start, user_id) DO UPDATE SET
            rounds_played = s.rounds_played + excluded.rounds_played,
            wins = s.wins + excluded.wins;
        DELETE FROM round_picks WHERE round_id = p_round_id;
    END IF;

    IF cardinality(p_owed_kinds) > 0 THEN
        SELECT COALESCE(MAX(seq), 0) INTO last_seq FROM round_outbox WHERE round_id = p_round_id;
        INSERT INTO round_outbox (round_id, seq, kind, number, payload)
        SELECT p_round_id, last_seq + o.n, o.k, o.num, o.p
        FROM unnest(p_owed_kinds, p_owed_numbers, p_owed_payloads) WITH ORDINALITY
            AS o (k, num, p, n);
        seqs := ARRAY(SELECT generate_series(last_seq + 1, last_seq + cardinality(p_owed_kinds)));
    END IF;
    RETURN seqs;
END;
$$;
