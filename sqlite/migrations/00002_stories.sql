-- +goose Up
ALTER TABLE articles ADD COLUMN grouping TEXT NOT NULL DEFAULT ''; -- the group stage's signals, as JSON
DROP INDEX articles_story;
CREATE INDEX articles_story ON articles (story_id);

CREATE TABLE stories (
	id         TEXT PRIMARY KEY,
	size       INTEGER NOT NULL,
	first_seen TEXT NOT NULL DEFAULT '',
	last_seen  TEXT NOT NULL DEFAULT '',
	doc        TEXT NOT NULL -- the story as JSON
);
CREATE INDEX stories_size ON stories (size DESC, id);

-- +goose Down
DROP TABLE stories;
DROP INDEX articles_story;
CREATE INDEX articles_story ON articles (story_id) WHERE story_id <> '';
ALTER TABLE articles DROP COLUMN grouping;
