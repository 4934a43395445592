-- +goose Up
-- Ranked search on PostgreSQL's own full text (postgres/search.go). Every
-- table here is derived from articles and can be rebuilt from it
-- (`parallax reindex`).

-- The english configuration (Snowball stemmer, english stop words) without
-- the whole hyphenated word: "north-east" is indexed as its parts, "north"
-- and "east", as Bleve's analyzer does, so that a query for it needs both
-- parts and a phrase of them matches the unhyphenated words too.
CREATE TEXT SEARCH CONFIGURATION parallax_english (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION parallax_english DROP MAPPING FOR asciihword, hword, numhword;

-- The transaction that stored each article, so that a catch-up reads only
-- what was stored since the oldest transaction still running at its last
-- pass. Rows stored before this migration have none and are all read by
-- the first catch-up.
ALTER TABLE articles ADD COLUMN xid xid8;
ALTER TABLE articles ALTER COLUMN xid SET DEFAULT pg_current_xact_id();
CREATE INDEX articles_xid ON articles (xid);

-- One row per indexed article: its text as a tsvector and its length in
-- tokens (for BM25), the columns that filters and facets read, and what a
-- hit shows.
CREATE TABLE search_docs (
	seq          bigint PRIMARY KEY REFERENCES articles (seq),
	article_id   text COLLATE "C" NOT NULL UNIQUE,
	len          integer NOT NULL,          -- tokens indexed (stop words left out)
	tsv          tsvector NOT NULL,
	title        text NOT NULL,
	published    text NOT NULL,             -- as the article says it, "" when unknown
	published_at timestamptz,               -- for date ranges
	day          text,                      -- YYYY-MM-DD when known to the day, for facets
	language     text,
	outlet_id    text,
	outlet_name  text,
	country      text,
	state        boolean,                   -- NULL when the outlet is unknown
	entities     text[] NOT NULL DEFAULT '{}',
	body         text NOT NULL              -- the indexed text, for snippets
) WITH (toast_tuple_target = 256); -- rows stay narrow: long values go to TOAST
CREATE INDEX search_docs_tsv ON search_docs USING gin (tsv);
CREATE INDEX search_docs_entities ON search_docs USING gin (entities);

-- Document frequency of every lexeme, for BM25's idf.
CREATE TABLE search_terms (
	lexeme text COLLATE "C" PRIMARY KEY,
	df     integer NOT NULL
);

-- Totals, for BM25's average length, and how far catch-up has come.
CREATE TABLE search_state (
	one    boolean PRIMARY KEY DEFAULT true CHECK (one),
	docs   bigint NOT NULL DEFAULT 0,
	tokens bigint NOT NULL DEFAULT 0,
	terms  bigint NOT NULL DEFAULT 0, -- rows of search_terms
	low    xid8,  -- every article stored by a transaction older than this is indexed
	gen    bigint NOT NULL DEFAULT 0 -- counts rebuilds, so that a catch-up that began before one leaves low alone
);
INSERT INTO search_state DEFAULT VALUES;

-- +goose Down
DROP TABLE search_state;
DROP TABLE search_terms;
DROP TABLE search_docs;
DROP INDEX articles_xid;
ALTER TABLE articles DROP COLUMN xid;
DROP TEXT SEARCH CONFIGURATION parallax_english;
