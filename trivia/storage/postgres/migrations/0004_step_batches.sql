-- Schema version 4 on PostgreSQL: round steps are written in batches.
--
-- trivia_apply_steps writes the steps of many rounds in one call: one statement, so one
-- transaction and one commit for all of them, as SQLite's store groups its commits
-- (trivia.storage.sqlite.serial_connection). The store queues the steps of concurrent rounds
-- and sends what has gathered (trivia.storage.postgres.step_batches). Each step keeps the
-- rules of trivia_apply_step (0001), which this replaces:
--   * a step whose round is missing (TR002), no longer running (TR003) or leased to another
--     process (TR001) is refused: nothing of it is written and its refusal is returned, while
--     the other steps are written;
--   * any other error fails the whole call; the store then writes the steps one by one, so
--     only the culprit fails.
-- trivia_apply_step stays, so processes still running the previous release keep working
-- while a rollout replaces them; a later migration drops it.
--
-- Arguments: the batch's moment (p_at, and the starts of its week and month); one entry per
-- step in s_* (a round appears at most once); then the picks, awards, answers (one per player
-- per closed question, as trivia.storage.stat_rules.per_player), winners and announcements
-- of all steps, each tagged in *_step with the ordinal (from 1) of its step in s_*.
--
-- Stats: each board's player gets one row change per batch, however many of their answers
-- it holds (two rounds at once share the all-guilds boards), folded in step order so the
-- result is that of one answer at a time (0001): right adds 1 to the streak and lifts the
-- best streak to it, wrong zeroes the streak. Of a player's answers in the batch, `head_run`
-- counts the right ones before the first wrong one, `tail_run` those after the last, and
-- `longest` is the longest run of right ones. The streak becomes streak + answered when all
-- were right, else `tail_run`; the best streak becomes the greatest of itself,
-- streak + `head_run`, and `longest`.

-- Locks: first the rounds' rows, in id order; last the stats rows, inserted or updated by one
-- statement in one order (guild descending, so the all-guilds rows come last, then player,
-- then board); what follows touches only rows already held. Concurrent batches
-- take the locks they share in the same order, so they do not deadlock.

CREATE FUNCTION trivia_apply_steps(
    p_at TEXT, p_week TEXT, p_month TEXT,
    s_round BIGINT[], s_owner TEXT[], s_epoch BIGINT[], s_state TEXT[], s_closed INTEGER[],
    s_end TEXT[],
    pk_step INTEGER[], pk_number INTEGER[], pk_user BIGINT[], pk_question TEXT[],
    pk_choice TEXT[], pk_correct BOOLEAN[], pk_points INTEGER[], pk_ms INTEGER[],
    aw_step INTEGER[], aw_question TEXT[], aw_user BIGINT[], aw_correct BOOLEAN[],
    aw_points INTEGER[], aw_ms INTEGER[],
    an_step INTEGER[], an_user BIGINT[], an_points BIGINT[], an_correct BOOLEAN[],
    w_step INTEGER[], w_user BIGINT[],
    o_step INTEGER[], o_kind TEXT[], o_number INTEGER[], o_payload TEXT[]
) RETURNS TABLE (step_no INTEGER, refusal TEXT, refusal_reason TEXT, owed_seqs INTEGER[])
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    guilds BIGINT[];  -- per step: its round's guild when the step is written, else NULL
    sets TEXT[];
    codes TEXT[];
    reasons TEXT[];
    k_guild BIGINT[]; k_period TEXT[]; k_start TEXT[]; k_user BIGINT[];
    k_points BIGINT[]; k_correct BIGINT[]; k_answered BIGINT[]; k_played BIGINT[];
    k_won BIGINT[]; k_head BIGINT[]; k_tail BIGINT[];
    j_guild BIGINT[]; j_period TEXT[]; j_start TEXT[]; j_user BIGINT[]; j_longest BIGINT[];
    all_guilds BOOLEAN;
    added_rounds BIGINT[];
    added_seqs INTEGER[];
BEGIN
    PERFORM 1 FROM rounds WHERE id = ANY (s_round) ORDER BY id FOR UPDATE;

    SELECT array_agg(CASE WHEN v.ok THEN r.guild_id END ORDER BY s.n),
           array_agg(r.set_id ORDER BY s.n),
           array_agg(CASE WHEN r.id IS NULL THEN 'TR002'
                          WHEN r.status <> 'running' THEN 'TR003'
                          WHEN NOT v.ok THEN 'TR001' END ORDER BY s.n),
           array_agg(CASE WHEN r.id IS NULL THEN format('there is no round %s', s.id)
                          WHEN r.status <> 'running'
                              THEN format('round %s is no longer running (%s)', s.id, r.status)
                          WHEN NOT v.ok
                              THEN format('round %s is now driven by another process', s.id)
                     END ORDER BY s.n)
    INTO guilds, sets, codes, reasons
    FROM unnest(s_round, s_owner, s_epoch) WITH ORDINALITY AS s (id, owner, epoch, n)
    LEFT JOIN rounds AS r ON r.id = s.id
    CROSS JOIN LATERAL (SELECT r.status = 'running' AND r.lease_owner = s.owner
                                AND r.lease_epoch = s.epoch) AS v (ok);

    INSERT INTO round_picks (round_id, number, user_id, question_id, choice, correct, points,
                             answer_ms)
    SELECT s_round[p.n], p.num, p.u, p.q, p.c, p.ok, p.pts, p.ms
    FROM unnest(pk_step, pk_number, pk_user, pk_question, pk_choice, pk_correct, pk_points,
                pk_ms) AS p (n, num, u, q, c, ok, pts, ms)
    WHERE guilds[p.n] IS NOT NULL
    ON CONFLICT (round_id, number, user_id) DO NOTHING;

    INSERT INTO awards (round_id, guild_id, set_id, question_id, user_id, correct, points,
                        answer_ms, awarded_at)
    SELECT s_round[a.n], guilds[a.n], sets[a.n], a.q, a.u, a.ok, a.pts, a.ms, p_at
    FROM unnest(aw_step, aw_question, aw_user, aw_correct, aw_points, aw_ms)
        AS a (n, q, u, ok, pts, ms)
    WHERE guilds[a.n] IS NOT NULL;

    DELETE FROM round_picks AS p
    USING unnest(s_round, s_closed, s_end) WITH ORDINALITY AS s (id, num, e, n)
    WHERE guilds[s.n] IS NOT NULL AND p.round_id = s.id
        AND (p.number = s.num OR s.e IS NOT NULL);

    UPDATE rounds AS r SET
        state = COALESCE(s.st, r.state),
        status = COALESCE(s.e, r.status),
        ended_at = CASE WHEN s.e IS NULL THEN r.ended_at ELSE p_at END
    FROM unnest(s_round, s_state, s_end) WITH ORDINALITY AS s (id, st, e, n)
    WHERE guilds[s.n] IS NOT NULL AND r.id = s.id AND (s.st IS NOT NULL OR s.e IS NOT NULL);

    WITH added AS (
        INSERT INTO round_outbox (round_id, seq, kind, number, payload)
        SELECT s_round[o.n],
               COALESCE(last.seq, 0) + row_number() OVER (PARTITION BY o.n ORDER BY o.i),
               o.k, o.num, o.p
        FROM unnest(o_step, o_kind, o_number, o_payload) WITH ORDINALITY AS o (n, k, num, p, i)
        LEFT JOIN LATERAL (SELECT MAX(seq) AS seq FROM round_outbox
                           WHERE round_id = s_round[o.n]) AS last ON TRUE
        WHERE guilds[o.n] IS NOT NULL
        RETURNING round_id, seq
    )
    SELECT array_agg(round_id), array_agg(seq) INTO added_rounds, added_seqs FROM added;

    -- Stats come last: the all-guilds rows are shared by every round, so the less time a
    -- transaction holds them before its commit, the less other batches wait.
    -- The batch's stats, one entry per board and player, in k_*, in lock order: by guild
    -- descending, so the all-guilds boards (-1) are locked last, then player, then board
    -- (every array_agg of one SELECT reads the sorted rows in the same order).
    WITH answers AS MATERIALIZED (
        -- Each answer of the written steps in its two scopes (its round's guild, and -1 for
        -- all guilds), numbered from 1 in step order among that scope's player's answers. A
        -- batch has one moment, so a scope's boards for all time, the week and the month all
        -- take the same answers.
        SELECT k.g AS guild_id, a.u AS user_id, a.pts AS points, a.ok AS correct,
               row_number() OVER (PARTITION BY k.g, a.u ORDER BY a.n) AS answer_no
        FROM unnest(an_step, an_user, an_points, an_correct) AS a (n, u, pts, ok)
        CROSS JOIN LATERAL (VALUES (guilds[a.n]), (-1::BIGINT)) AS k (g)
        WHERE guilds[a.n] IS NOT NULL
    ), inner_runs AS (
        -- The longest run of right answers between two wrong ones.
        SELECT guild_id, user_id, MAX(answer_no - previous - 1) AS run
        FROM (SELECT guild_id, user_id, answer_no,
                     lag(answer_no) OVER (PARTITION BY guild_id, user_id ORDER BY answer_no)
                         AS previous
              FROM answers WHERE NOT correct) AS wrong
        GROUP BY guild_id, user_id
    ), scoped AS (
        SELECT guild_id, user_id, SUM(points) AS points,
               COUNT(*) FILTER (WHERE correct) AS correct, COUNT(*) AS answered,
               COALESCE(MIN(answer_no) FILTER (WHERE NOT correct) - 1, COUNT(*)) AS head_run,
               COUNT(*) - COALESCE(MAX(answer_no) FILTER (WHERE NOT correct), 0) AS tail_run
        FROM answers
        GROUP BY guild_id, user_id
    ), plays AS (
        -- Everyone with an award in a round that ended played it; its winners won it.
        SELECT k.g AS guild_id, pl.u AS user_id,
               SUM(pl.played::int) AS played, SUM(pl.won::int) AS won
        FROM (SELECT n, u, bool_or(played) AS played, bool_or(won) AS won
              FROM (SELECT e.n, aw.user_id, TRUE, FALSE
                    FROM generate_subscripts(s_round, 1) AS e (n)
                    CROSS JOIN LATERAL (SELECT DISTINCT user_id FROM awards
                                        WHERE round_id = s_round[e.n]) AS aw
                    WHERE guilds[e.n] IS NOT NULL AND s_end[e.n] IS NOT NULL
                    UNION ALL
                    SELECT w.n, w.u, FALSE, TRUE
                    FROM unnest(w_step, w_user) AS w (n, u)
                    WHERE guilds[w.n] IS NOT NULL AND s_end[w.n] IS NOT NULL)
                  AS r (n, u, played, won)
              GROUP BY n, u) AS pl
        CROSS JOIN LATERAL (VALUES (guilds[pl.n]), (-1::BIGINT)) AS k (g)
        GROUP BY 1, 2
    )
    SELECT array_agg(guild_id), array_agg(period), array_agg(period_start), array_agg(user_id),
           array_agg(COALESCE(points, 0)), array_agg(COALESCE(correct, 0)),
           array_agg(COALESCE(answered, 0)), array_agg(COALESCE(played, 0)),
           array_agg(COALESCE(won, 0)), array_agg(COALESCE(head_run, 0)),
           array_agg(COALESCE(tail_run, 0)),
           array_agg(guild_id) FILTER (WHERE longest > head_run),
           array_agg(period) FILTER (WHERE longest > head_run),
           array_agg(period_start) FILTER (WHERE longest > head_run),
           array_agg(user_id) FILTER (WHERE longest > head_run),
           array_agg(longest) FILTER (WHERE longest > head_run)
    INTO k_guild, k_period, k_start, k_user, k_points, k_correct, k_answered, k_played, k_won,
         k_head, k_tail, j_guild, j_period, j_start, j_user, j_longest
    FROM (SELECT *, GREATEST(head_run, tail_run, run) AS longest
          FROM scoped
          LEFT JOIN inner_runs USING (guild_id, user_id)
          FULL JOIN plays USING (guild_id, user_id)
          CROSS JOIN (VALUES ('all', ''), ('week', p_week), ('month', p_month))
              AS boards (period, period_start)
          ORDER BY guild_id DESC, user_id, period, period_start) AS sorted;

    -- One row change per board and player, in lock order: answers, plays and wins, the
    -- streak, and the best streak as far as the head run lifts it. The guilds' boards go
    -- first, the all-guilds boards in a statement of their own: other batches wait for
    -- those rows, and so they are held for no more than that statement, its score count
    -- trigger and the commit.
    FOREACH all_guilds IN ARRAY ARRAY[FALSE, TRUE] LOOP
        INSERT INTO player_stats AS s (guild_id, period, period_start, user_id, points, correct,
                                       answered, rounds_played, wins, streak, best_streak)
        SELECT * FROM unnest(k_guild, k_period, k_start, k_user, k_points, k_correct, k_answered,
                             k_played, k_won, k_tail, k_head)
            AS k (g, p, ps, u, points, correct, answered, played, won, tail_run, head_run)
        WHERE (k.g = -1) = all_guilds
        ON CONFLICT (guild_id, period, period_start, user_id) DO UPDATE SET
            points = s.points + excluded.points,
            correct = s.correct + excluded.correct,
            answered = s.answered + excluded.answered,
            rounds_played = s.rounds_played + excluded.rounds_played,
            wins = s.wins + excluded.wins,
            streak = CASE WHEN excluded.correct = excluded.answered
                          THEN s.streak + excluded.answered
                          ELSE excluded.streak END,
            best_streak = GREATEST(s.best_streak, s.streak + excluded.best_streak);
    END LOOP;

    -- Where a later run of right answers outlasts the head run (rare: a player with several
    -- answers in the batch, one of them wrong), the best streak gets it too. These rows are
    -- already locked by this transaction, so the order does not matter here.
    IF cardinality(j_user) > 0 THEN
        UPDATE player_stats AS s SET best_streak = GREATEST(s.best_streak, j.longest)
        FROM unnest(j_guild, j_period, j_start, j_user, j_longest) AS j (g, p, ps, u, longest)
        WHERE s.guild_id = j.g AND s.period = j.p AND s.period_start = j.ps AND s.user_id = j.u;
    END IF;

    RETURN QUERY
    SELECT s.n::int, codes[s.n], reasons[s.n],
           ARRAY(SELECT o.seq FROM unnest(added_rounds, added_seqs) AS o (round_id, seq)
                 WHERE o.round_id = s.id AND guilds[s.n] IS NOT NULL ORDER BY o.seq)
    FROM unnest(s_round) WITH ORDINALITY AS s (id, n)
    ORDER BY s.n;
END;
$$;
