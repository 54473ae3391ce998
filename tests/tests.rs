//! Integration tests, one binary with a module per concern. Regression tests are named after the
//! issue they guard.

mod util;

mod architecture;
mod atomic_runs;
mod batch;
mod cli;
mod data_validation;
mod export;
mod history;
mod hostile;
mod library;
mod svg;
