CREATE TABLE IF NOT EXISTS documents (
    doc_hash VARCHAR PRIMARY KEY, doc_id VARCHAR, title VARCHAR, date DATE, url VARCHAR,
    origin VARCHAR, text VARCHAR, ingested_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS sentences (
    doc_hash VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR);
CREATE TABLE IF NOT EXISTS actors (
    doc_hash VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
    code VARCHAR, country VARCHAR, org VARCHAR, sector VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY, doc_hash VARCHAR, sentence INTEGER, start_char INTEGER,
    end_char INTEGER, event_start INTEGER, event_end INTEGER, sentence_text VARCHAR, event_text VARCHAR,
    source_text VARCHAR, source_code VARCHAR, source_country VARCHAR, source_org VARCHAR, source_sector VARCHAR,
    target_text VARCHAR, target_code VARCHAR, target_country VARCHAR, target_org VARCHAR, target_sector VARCHAR,
    cameo VARCHAR, plover VARCHAR, mode VARCHAR, quad_class INTEGER, goldstein DOUBLE,
    polarity VARCHAR, modality VARCHAR, factual BOOLEAN, attribution_code VARCHAR, attribution_text VARCHAR,
    date DATE, date_end DATE, confidence DOUBLE, date_source VARCHAR);
-- stores written before a column existed gain it when opened for writing
ALTER TABLE events ADD COLUMN IF NOT EXISTS date_source VARCHAR;
CREATE TABLE IF NOT EXISTS quantities (
    doc_hash VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
    value DOUBLE, unit VARCHAR, per VARCHAR, approximate BOOLEAN, low DOUBLE, high DOUBLE);
-- bounds of a quantity ("at least 20": low; "up to 30": high; a range: both)
ALTER TABLE quantities ADD COLUMN IF NOT EXISTS low DOUBLE;
ALTER TABLE quantities ADD COLUMN IF NOT EXISTS high DOUBLE;
-- monitor (realpolitik watch): what each watched URL answered last (for conditional requests), every
-- feed item or page URL already ingested, and every alert fired with the events it covers (an event
-- belongs to at most one alert of a rule, so a rule never fires twice for one deduplicated event)
CREATE TABLE IF NOT EXISTS watch_urls (
    url VARCHAR PRIMARY KEY, etag VARCHAR, last_modified VARCHAR, status INTEGER, error VARCHAR,
    checked_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS watch_items (
    url VARCHAR PRIMARY KEY, doc_hash VARCHAR, found_in VARCHAR, seen_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS alerts (
    alert_id VARCHAR PRIMARY KEY, rule VARCHAR, event_id VARCHAR, doc_hash VARCHAR, url VARCHAR,
    fired_at TIMESTAMP, payload VARCHAR);
CREATE TABLE IF NOT EXISTS alert_events (
    rule VARCHAR, event_key VARCHAR, alert_id VARCHAR, PRIMARY KEY (rule, event_key));
