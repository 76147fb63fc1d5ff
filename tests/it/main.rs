//! Every integration test in one binary: twelve binaries each linked the
//! whole crate (about 85 MB apiece), and ran one after another.

mod canary;
mod check;
mod cli;
mod cli_lang;
mod cli_sessions;
mod corpus;
mod coverage;
mod coverage_sentences;
mod crash;
mod crash_tui;
mod crypt;
mod crypt_props;
mod dense;
mod edition;
mod faults;
mod fuzz_props;
mod hostile;
mod hostile_folder;
mod index_cache;
mod layering;
mod pane;
mod pty;
mod record;
mod renames;
mod runtime;
mod runtime_stranded;
mod search;
mod store;
mod support;
mod terminal;
mod tui;
mod tui_computed;
mod tui_view;
