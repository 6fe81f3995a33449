-- Schema version 4: questions that give each other away are kept apart by the draw, so a
-- question's family and the ids it excludes are stored with it; entities keep their
-- optional pronoun (used only to offer same-gender options), so the who's-who round-trips.

ALTER TABLE questions ADD COLUMN family TEXT;
ALTER TABLE questions ADD COLUMN excludes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE entities ADD COLUMN pronoun TEXT;
