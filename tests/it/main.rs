//! Every integration test in one binary: twelve binaries each linked the
//! whole crate (about 85 MB apiece), and ran one after another.

mod check;
mod cli;
mod corpus;
mod coverage;
mod dense;
mod faults;
mod fuzz_props;
mod hostile;
mod layering;
mod pty;
mod renames;
mod runtime;
mod search;
mod store;
mod support;
mod terminal;
mod tui;
