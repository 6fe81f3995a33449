-- Schema version 2: one index per leaderboard sort, so a top-N list is a short index walk
-- and a rank is a COUNT over an index range. The trailing user_id matches the queries'
-- tie-break order. The accuracy expression must stay identical to the one in
-- trivia/storage/leaderboards.py or SQLite will not use the index; answered and correct
-- ride along so the minimum-answers filter and the rank count never visit the table.

CREATE INDEX player_stats_points
    ON player_stats (guild_id, period, period_start, points DESC, user_id);

CREATE INDEX player_stats_wins
    ON player_stats (guild_id, period, period_start, wins DESC, user_id);

CREATE INDEX player_stats_streak
    ON player_stats (guild_id, period, period_start, best_streak DESC, user_id);

CREATE INDEX player_stats_accuracy
    ON player_stats (
        guild_id, period, period_start, (correct * 1.0 / answered) DESC, user_id, answered, correct
    );
