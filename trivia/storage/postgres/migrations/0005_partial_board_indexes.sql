-- Schema version 5 on PostgreSQL: the points, wins and best-streak indexes hold only players
-- above 0.
--
-- Every answer writes a new version of the player's six stats rows, and each version costs
-- an entry in every index that holds it. Most players have never won a round, many have no
-- streak yet, and some have not scored (in this week, this guild...), so these indexes now
-- skip rows at 0. A top-N list walks the index for the players above 0 and, when they are
-- fewer than N, fills up with the players at 0 in user order, from the primary key
-- (trivia/storage/postgres/leaderboards.py). Ranks on these boards come from score_counts
-- (0003) and no longer use the indexes.
--
-- CREATE INDEX blocks writes to player_stats while it builds: on a large table, run
-- `trivia-bot db upgrade` before the rollout, as the README says.

DROP INDEX player_stats_points;
CREATE INDEX player_stats_points
    ON player_stats (guild_id, period, period_start, points DESC, user_id)
    WHERE points > 0;

DROP INDEX player_stats_wins;
CREATE INDEX player_stats_wins
    ON player_stats (guild_id, period, period_start, wins DESC, user_id)
    WHERE wins > 0;

DROP INDEX player_stats_streak;
CREATE INDEX player_stats_streak
    ON player_stats (guild_id, period, period_start, best_streak DESC, user_id)
    WHERE best_streak > 0;
