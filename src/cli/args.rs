//! Command-line arguments (clap derive). Option names are part of the interface.

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::Version;

/// Migrate Prometheus Alertmanager configs to Amazon Managed Service for Prometheus.
#[derive(Debug, Parser)]
#[command(name = "am2amp", version, about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate configs and report what convert would flag; writes nothing.
    Check(CheckArgs),
    /// Print the long description of a diagnostic code.
    Explain(ExplainArgs),
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum MessageFormat {
    /// Graphical report with source snippets.
    #[default]
    Human,
    /// One line per finding: `file:line:col: severity[code]: message`.
    Concise,
    /// JSON Lines, one object per finding.
    Json,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

/// When to use colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    /// When writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Options shared by commands that report diagnostics.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Diagnostics format.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
    /// Use colours in the human format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Treat findings as errors: a diagnostic code, or `warnings` for every warning.
    #[arg(long, value_name = "CODE|warnings")]
    pub deny: Vec<String>,
    /// Silence a diagnostic code.
    #[arg(long, value_name = "CODE")]
    pub allow: Vec<String>,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 8 << 20)]
    pub max_input_bytes: u64,
    /// The Alertmanager version the result must run on (AMP's is not published).
    #[arg(long, value_name = "VERSION", default_value_t = Version::DEFAULT_TARGET)]
    pub alertmanager_version: Version,
}

/// `am2amp check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Config files or directories (searched for *.yml and *.yaml); `-` reads stdin.
    #[arg(required = true, value_name = "PATH|-")]
    pub paths: Vec<String>,
    /// Reporting options.
    #[command(flatten)]
    pub report: ReportArgs,
}

/// `am2amp explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A code such as `am2amp::syntax::unknown-field` or `syntax::unknown-field`.
    #[arg(required_unless_present = "list", value_name = "CODE")]
    pub code: Option<String>,
    /// List every code with its summary.
    #[arg(long, conflicts_with = "code")]
    pub list: bool,
}
