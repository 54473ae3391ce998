//! Integration tests, one binary with a module per concern. Regression tests are named after the
//! issue they guard.

mod util;

mod architecture;
mod atomic_runs;
mod batch;
mod cli;
mod command_line;
mod data_validation;
mod era;
mod export;
mod history;
mod hostile;
mod library;
mod page;
mod publishing;
mod svg;
