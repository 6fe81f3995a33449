-- Schema version 5: questions keep the who's-who's other names for their answer's entity
-- (Question.entity_names, "Trish Walker aka Hellcat"), which the judge needs and which used
-- to be lost between import and load. Sets imported before this version have none stored, so
-- their content hashes are cleared: the next import of an unchanged file stores them again.

ALTER TABLE questions ADD COLUMN entity_names TEXT NOT NULL DEFAULT '[]';

UPDATE question_sets SET content_hash = '';
