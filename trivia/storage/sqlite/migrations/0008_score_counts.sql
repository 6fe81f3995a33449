-- Migration 0008: how many players hold each score, so a rank is a short sum.
--
-- score_counts holds, per board (guild_id, period, period_start as in player_stats) and sort
-- ('points', 'wins' or 'streak', the best streak), how many players have each score. A
-- player's rank is 1 + the players at scores strictly above theirs (ties share a rank) and a
-- board's size the sum of all its rows: a walk over the board's distinct scores instead of
-- over its players. The triggers keep it in the same transaction as every player_stats
-- change; rows that fall to 0 players stay, as they change nothing in a sum. Accuracy boards
-- take a threshold of answers chosen per query and still count player_stats.

CREATE TABLE score_counts (
    guild_id     INTEGER NOT NULL,
    period       TEXT NOT NULL,
    period_start TEXT NOT NULL,
    sort         TEXT NOT NULL CHECK (sort IN ('points', 'wins', 'streak')),
    score        INTEGER NOT NULL,
    players      INTEGER NOT NULL,
    PRIMARY KEY (guild_id, period, period_start, sort, score)
) WITHOUT ROWID;

INSERT INTO score_counts (guild_id, period, period_start, sort, score, players)
SELECT guild_id, period, period_start, 'points', points, COUNT(*)
FROM player_stats GROUP BY guild_id, period, period_start, points;

INSERT INTO score_counts (guild_id, period, period_start, sort, score, players)
SELECT guild_id, period, period_start, 'wins', wins, COUNT(*)
FROM player_stats GROUP BY guild_id, period, period_start, wins;

INSERT INTO score_counts (guild_id, period, period_start, sort, score, players)
SELECT guild_id, period, period_start, 'streak', best_streak, COUNT(*)
FROM player_stats GROUP BY guild_id, period, period_start, best_streak;

CREATE TRIGGER score_counts_insert AFTER INSERT ON player_stats
BEGIN
    INSERT INTO score_counts VALUES
        (new.guild_id, new.period, new.period_start, 'points', new.points, 1),
        (new.guild_id, new.period, new.period_start, 'wins', new.wins, 1),
        (new.guild_id, new.period, new.period_start, 'streak', new.best_streak, 1)
    ON CONFLICT DO UPDATE SET players = players + 1;
END;

CREATE TRIGGER score_counts_delete AFTER DELETE ON player_stats
BEGIN
    UPDATE score_counts SET players = players - 1
    WHERE guild_id = old.guild_id AND period = old.period AND period_start = old.period_start
        AND ((sort = 'points' AND score = old.points)
            OR (sort = 'wins' AND score = old.wins)
            OR (sort = 'streak' AND score = old.best_streak));
END;

CREATE TRIGGER score_counts_points AFTER UPDATE OF points ON player_stats
WHEN new.points <> old.points
BEGIN
    UPDATE score_counts SET players = players - 1
    WHERE guild_id = old.guild_id AND period = old.period AND period_start = old.period_start
        AND sort = 'points' AND score = old.points;
    INSERT INTO score_counts VALUES
        (new.guild_id, new.period, new.period_start, 'points', new.points, 1)
    ON CONFLICT DO UPDATE SET players = players + 1;
END;

CREATE TRIGGER score_counts_wins AFTER UPDATE OF wins ON player_stats
WHEN new.wins <> old.wins
BEGIN
    UPDATE score_counts SET players = players - 1
    WHERE guild_id = old.guild_id AND period = old.period AND period_start = old.period_start
        AND sort = 'wins' AND score = old.wins;
    INSERT INTO score_counts VALUES
        (new.guild_id, new.period, new.period_start, 'wins', new.wins, 1)
    ON CONFLICT DO UPDATE SET players = players + 1;
END;

CREATE TRIGGER score_counts_streak AFTER UPDATE OF best_streak ON player_stats
WHEN new.best_streak <> old.best_streak
BEGIN
    UPDATE score_counts SET players = players - 1
    WHERE guild_id = old.guild_id AND period = old.period AND period_start = old.period_start
        AND sort = 'streak' AND score = old.best_streak;
    INSERT INTO score_counts VALUES
        (new.guild_id, new.period, new.period_start, 'streak', new.best_streak, 1)
    ON CONFLICT DO UPDATE SET players = players + 1;
END;
