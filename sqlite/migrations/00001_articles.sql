-- +goose Up
CREATE TABLE articles (
	seq         INTEGER PRIMARY KEY AUTOINCREMENT,
	id          TEXT NOT NULL UNIQUE,
	format      TEXT NOT NULL,
	external_id TEXT NOT NULL DEFAULT '',
	outlet_id   TEXT NOT NULL DEFAULT '',
	url         TEXT NOT NULL DEFAULT '',
	title       TEXT NOT NULL DEFAULT '',
	published   TEXT NOT NULL DEFAULT '',
	language    TEXT NOT NULL DEFAULT '',
	story_id    TEXT NOT NULL DEFAULT '',
	ingested_at TEXT NOT NULL,
	doc         TEXT NOT NULL -- the article as JSON, without locations and raw bytes
);
CREATE INDEX articles_story ON articles (story_id) WHERE story_id <> '';

CREATE TABLE locations (
	article_id TEXT NOT NULL REFERENCES articles (id),
	path       TEXT NOT NULL,
	idx        INTEGER NOT NULL,
	byte_off   INTEGER NOT NULL,
	line       INTEGER NOT NULL,
	PRIMARY KEY (article_id, path, idx)
);

CREATE TABLE raws (
	article_id TEXT PRIMARY KEY REFERENCES articles (id),
	encoding   TEXT NOT NULL, -- "deflate"
	data       BLOB NOT NULL
);

-- +goose Down
DROP TABLE raws;
DROP TABLE locations;
DROP TABLE articles;
