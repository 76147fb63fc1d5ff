//! Full-text search (BM25) over corpus paragraphs, and fuzzy pickers for
//! short strings. Pure: no I/O.
