-- Schema version 3: the accuracy index keeps only players with at least 10 answers.
-- Its key (correct / answered) changes with every answer, so each answer used to rewrite
-- an entry in it for all six of the player's stats rows. Rows below the accuracy board's
-- minimum never appear on that board, and now cost no index write until they get there.
-- Queries repeat "answered >= 10" word for word so SQLite can use the index; the number must
-- stay equal to ACCURACY_INDEX_MIN_ANSWERS in trivia/storage/leaderboards.py, and the key
-- expression identical to the one there.

DROP INDEX player_stats_accuracy;

CREATE INDEX player_stats_accuracy
    ON player_stats (
        guild_id, period, period_start, (correct * 1.0 / answered) DESC, user_id, answered, correct
    )
    WHERE answered >= 10;
