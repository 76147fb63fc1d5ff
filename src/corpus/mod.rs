//! The source documents: parsed into sections, paragraphs and footnotes,
//! addressed by stable refs (`DOC#1.1.3.1/p2`).
