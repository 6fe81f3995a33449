-- Schema version 3 on PostgreSQL: level with SQLite's migration 0008.
--
-- score_counts: how many players hold each score, per board (guild_id, period, period_start
-- as in player_stats) and sort ('points', 'wins' or 'streak', the best streak), so a rank is
-- 1 + the players at scores strictly above (ties share a rank) and a board's size the sum of
-- its rows: a walk over the board's distinct scores instead of its players. The trigger keeps
-- it in the same transaction as every player_stats change, including those of
-- trivia_apply_step; rows that fall to 0 players stay, as they change nothing in a sum.
-- Two transactions may lock the same count rows in opposite orders: the store retries the
-- deadlock victim.

CREATE TABLE score_counts (
    guild_id     BIGINT NOT NULL,
    period       TEXT NOT NULL,
    period_start TEXT NOT NULL,
    sort         TEXT NOT NULL CHECK (sort IN ('points', 'wins', 'streak')),
    score        BIGINT NOT NULL,
    players      BIGINT NOT NULL,
    PRIMARY KEY (guild_id, period, period_start, sort, score)
);

INSERT INTO score_counts (guild_id, period, period_start, sort, score, players)
SELECT guild_id, period, period_start, sorts.sort, sorts.score, COUNT(*)
FROM player_stats
CROSS JOIN LATERAL (VALUES ('points', points), ('wins', wins), ('streak', best_streak))
    AS sorts (sort, score)
GROUP BY guild_id, period, period_start, sorts.sort, sorts.score;

CREATE FUNCTION trivia_count_score(
    p_guild BIGINT, p_period TEXT, p_start TEXT, p_sort TEXT, p_score BIGINT, p_change BIGINT
) RETURNS void LANGUAGE sql AS $$
    INSERT INTO score_counts (guild_id, period, period_start, sort, score, players)
    VALUES (p_guild, p_period, p_start, p_sort, p_score, p_change)
    ON CONFLICT (guild_id, period, period_start, sort, score)
    DO UPDATE SET players = score_counts.players + excluded.players;
$$;

CREATE FUNCTION trivia_score_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        IF TG_OP = 'DELETE' OR OLD.points <> NEW.points THEN
            PERFORM trivia_count_score(OLD.guild_id, OLD.period, OLD.period_start, 'points', OLD.points, -1);
        END IF;
        IF TG_OP = 'DELETE' OR OLD.wins <> NEW.wins THEN
            PERFORM trivia_count_score(OLD.guild_id, OLD.period, OLD.period_start, 'wins', OLD.wins, -1);
        END IF;
        IF TG_OP = 'DELETE' OR OLD.best_streak <> NEW.best_streak THEN
            PERFORM trivia_count_score(OLD.guild_id, OLD.period, OLD.period_start, 'streak', OLD.best_streak, -1);
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF TG_OP = 'INSERT' OR OLD.points <> NEW.points THEN
            PERFORM trivia_count_score(NEW.guild_id, NEW.period, NEW.period_start, 'points', NEW.points, 1);
        END IF;
        IF TG_OP = 'INSERT' OR OLD.wins <> NEW.wins THEN
            PERFORM trivia_count_score(NEW.guild_id, NEW.period, NEW.period_start, 'wins', NEW.wins, 1);
        END IF;
        IF TG_OP = 'INSERT' OR OLD.best_streak <> NEW.best_streak THEN
            PERFORM trivia_count_score(NEW.guild_id, NEW.period, NEW.period_start, 'streak', NEW.best_streak, 1);
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER score_counts AFTER INSERT OR UPDATE OR DELETE ON player_stats
FOR EACH ROW EXECUTE FUNCTION trivia_score_counts();
