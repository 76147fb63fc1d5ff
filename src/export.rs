//! Session exports (Markdown for the case file, JSON for other systems) as values.
