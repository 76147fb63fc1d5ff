//! Editions: the fictional next edition of the report, `corpus diff`,
//! `check` with `supersedes`, `questionnaires migrate`, `corpus import`.

pub mod fixture;
