-- Schema version 3 on PostgreSQL: how many players hold each score, so a rank is a short sum
-- (SQLite's migration 0008, built without rows every writer updates).
--
-- score_counts holds, per board (guild_id, period, period_start as in player_stats) and sort
-- ('points', 'wins' or 'streak', the best streak), how many players have each score. A
-- player's rank is 1 + the players at scores strictly above theirs, a board's size the sum of
-- all its rows. Accuracy boards take a threshold of answers per query and still count
-- player_stats.
--
-- Writers never touch score_counts: every new player lands on score 0 of the same boards, so
-- counting in place would make every step update (and lock) the same few rows. Instead the
-- statement triggers below only INSERT what a statement changed into score_count_changes
-- (per board, sort and score, the change in players: -1 where a player left, +1 where one
-- arrived), and trivia_fold_score_counts moves those changes into score_counts now and then.
-- A count is therefore score_counts plus the changes not yet folded, read in one snapshot
-- (trivia/storage/postgres/leaderboards.py); a fold deletes the changes and adds them to the
-- counts in one transaction, so every snapshot sees each change exactly once.
--
-- Triggers with transition tables are per statement: one INSERT of the changes for a whole
-- statement, however many rows it wrote. INSERT ... ON CONFLICT DO UPDATE fires both the
-- INSERT trigger (NEW TABLE: the rows it inserted) and the UPDATE trigger (OLD and NEW
-- TABLE: the rows it updated, before and after). A player whose score in a sort did not
-- change gets -1 and +1 at the same score, which sum to nothing and are not written.

CREATE TABLE score_counts (
    guild_id     BIGINT NOT NULL,
    period       TEXT NOT NULL,
    period_start TEXT NOT NULL,
    sort         TEXT NOT NULL CHECK (sort IN ('points', 'wins', 'streak')),
    score        BIGINT NOT NULL,
    players      BIGINT NOT NULL,
    PRIMARY KEY (guild_id, period, period_start, sort, score)
);

-- Insert-only for writers; emptied by trivia_fold_score_counts, vacuumed by the store after.
-- It holds the changes of about one fold interval, so a rank scans it whole, and it has no
-- index: keeping one cost writers about a tenth of their steps per second (measured with
-- benchmarks/storage_backends.py), to spare a rank read about a millisecond under full load.
CREATE TABLE score_count_changes (
    guild_id     BIGINT NOT NULL,
    period       TEXT NOT NULL,
    period_start TEXT NOT NULL,
    sort         TEXT NOT NULL,
    score        BIGINT NOT NULL,
    delta        BIGINT NOT NULL
);

INSERT INTO score_counts (guild_id, period, period_start, sort, score, players)
SELECT s.guild_id, s.period, s.period_start, k.sort, k.score, COUNT(*)
FROM player_stats AS s
CROSS JOIN LATERAL (VALUES ('points', s.points), ('wins', s.wins), ('streak', s.best_streak))
    AS k (sort, score)
GROUP BY s.guild_id, s.period, s.period_start, k.sort, k.score;

-- The changes of one statement: `arrived` rows count +1 at their scores, `left` rows -1.
-- Each trigger below passes its transition tables; an INSERT has nothing that left, a
-- DELETE nothing that arrived.
CREATE FUNCTION trivia_score_changes_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO score_count_changes (guild_id, period, period_start, sort, score, delta)
    SELECT s.guild_id, s.period, s.period_start, k.sort, k.score, COUNT(*)
    FROM arrived AS s
    CROSS JOIN LATERAL (VALUES ('points', s.points), ('wins', s.wins),
                               ('streak', s.best_streak)) AS k (sort, score)
    GROUP BY s.guild_id, s.period, s.period_start, k.sort, k.score;
    RETURN NULL;
END;
$$;

CREATE FUNCTION trivia_score_changes_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO score_count_changes (guild_id, period, period_start, sort, score, delta)
    SELECT s.guild_id, s.period, s.period_start, k.sort, k.score, SUM(s.delta)
    FROM (SELECT guild_id, period, period_start, points, wins, best_streak, -1 AS delta
          FROM left_rows
          UNION ALL
          SELECT guild_id, period, period_start, points, wins, best_streak, 1
          FROM arrived) AS s
    CROSS JOIN LATERAL (VALUES ('points', s.points), ('wins', s.wins),
                               ('streak', s.best_streak)) AS k (sort, score)
    GROUP BY s.guild_id, s.period, s.period_start, k.sort, k.score
    HAVING SUM(s.delta) <> 0;
    RETURN NULL;
END;
$$;

CREATE FUNCTION trivia_score_changes_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO score_count_changes (guild_id, period, period_start, sort, score, delta)
    SELECT s.guild_id, s.period, s.period_start, k.sort, k.score, -COUNT(*)
    FROM left_rows AS s
    CROSS JOIN LATERAL (VALUES ('points', s.points), ('wins', s.wins),
                               ('streak', s.best_streak)) AS k (sort, score)
    GROUP BY s.guild_id, s.period, s.period_start, k.sort, k.score;
    RETURN NULL;
END;
$$;

CREATE TRIGGER score_changes_insert AFTER INSERT ON player_stats
    REFERENCING NEW TABLE AS arrived
    FOR EACH STATEMENT EXECUTE FUNCTION trivia_score_changes_inserted();

CREATE TRIGGER score_changes_update AFTER UPDATE ON player_stats
    REFERENCING OLD TABLE AS left_rows NEW TABLE AS arrived
    FOR EACH STATEMENT EXECUTE FUNCTION trivia_score_changes_updated();

CREATE TRIGGER score_changes_delete AFTER DELETE ON player_stats
    REFERENCING OLD TABLE AS left_rows
    FOR EACH STATEMENT EXECUTE FUNCTION trivia_score_changes_deleted();

-- Moves every change into score_counts in one statement and returns how many change rows it
-- moved; 0 without doing anything while another fold holds the lock (7_412_604, the schema).
-- Changes committed after this statement's snapshot stay for the next fold. Rows that fall
-- to 0 players stay, as they change nothing in a sum; the upsert meets them in key order.
CREATE FUNCTION trivia_fold_score_counts() RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
    moved BIGINT;
BEGIN
    IF NOT pg_try_advisory_xact_lock(7412604, hashtext(current_schema())) THEN
        RETURN 0;
    END IF;
    WITH taken AS (
        DELETE FROM score_count_changes
        RETURNING guild_id, period, period_start, sort, score, delta
    ), folded AS (
        INSERT INTO score_counts AS c (guild_id, period, period_start, sort, score, players)
        SELECT guild_id, period, period_start, sort, score, SUM(delta)
        FROM taken
        GROUP BY guild_id, period, period_start, sort, score
        HAVING SUM(delta) <> 0
        ORDER BY guild_id, period, period_start, sort, score
        ON CONFLICT (guild_id, period, period_start, sort, score)
            DO UPDATE SET players = c.players + excluded.players
    )
    SELECT COUNT(*) INTO moved FROM taken;
    RETURN moved;
END;
$$;
