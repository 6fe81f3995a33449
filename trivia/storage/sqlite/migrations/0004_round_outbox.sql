-- Schema version 4: a round's steps are the truth, and Discord is replayed from them.
--
-- * rounds gain a lease (owner, epoch, expiry): one process drives a round at a time, and a
--   process whose lease was taken over can no longer write for the round.
-- * At most one running round per channel, enforced by the database itself.
-- * round_picks keeps answers given before their question closes (a choice locked in, a
--   first wrong typed guess), once per player per question, so a restart loses none and a
--   replayed click cannot count twice.
-- * round_outbox lists what each round owes its channel (ask, reveal, retire, podium,
--   notice) in order; an announcement is settled once shown, and an ask keeps its message id.

ALTER TABLE rounds ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE rounds ADD COLUMN lease_epoch INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rounds ADD COLUMN lease_until REAL NOT NULL DEFAULT 0;

-- Older releases could leave two running rounds in a channel; keep the newest running.
UPDATE rounds SET status = 'interrupted'
WHERE status = 'running'
  AND id < (SELECT MAX(r.id) FROM rounds r WHERE r.channel_id = rounds.channel_id
            AND r.status = 'running');

CREATE UNIQUE INDEX rounds_running_channel ON rounds (channel_id) WHERE status = 'running';

CREATE TABLE round_picks (
    round_id    INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    choice      TEXT NOT NULL,
    correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
    points      INTEGER NOT NULL,
    answer_ms   INTEGER NOT NULL,
    PRIMARY KEY (round_id, number, user_id)
) WITHOUT ROWID;

CREATE TABLE round_outbox (
    round_id   INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('ask', 'reveal', 'retire', 'podium', 'notice')),
    number     INTEGER NOT NULL,
    payload    TEXT NOT NULL,
    settled    INTEGER NOT NULL DEFAULT 0 CHECK (settled IN (0, 1)),
    message_id INTEGER,
    PRIMARY KEY (round_id, seq)
) WITHOUT ROWID;

CREATE INDEX round_outbox_owed ON round_outbox (round_id, seq) WHERE settled = 0;
