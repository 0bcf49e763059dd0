//! am2amp: migrate Prometheus Alertmanager configurations to Amazon Managed Service for
//! Prometheus (AMP) alert manager definitions.
//!
//! Data flows one way: `load` (inputs, YAML) → `model` (spanned config) → `validate`
//! (Alertmanager's rules) → `translate` → `amp` (AMP's rules) → emit. Every stage returns
//! [`diag::Diagnostic`]s as data; the `am2amp` binary renders them.

pub mod alertmanager;
pub mod amp;
pub mod check;
pub mod cli;
pub mod convert;
pub mod diag;
pub mod gotmpl;
pub mod lint;
pub mod load;
pub mod model;
pub mod relay;
pub mod report;
pub mod source;
pub mod spill;
pub mod translate;
pub mod validate;
pub mod yaml;
