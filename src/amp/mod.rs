//! AMP's side: the alert manager definition file and the rules AMP applies to it.

pub mod definition;
pub mod forms;
pub mod mapping;
pub mod rules;
pub mod self_check;
