//! Command-line arguments (clap derive). Option names are part of the interface.

use std::path::PathBuf;

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
    /// Translate a config into an AMP alert manager definition.
    Convert(ConvertArgs),
    /// Turn an SNS message from a converted config into the request the original integration
    /// would have sent.
    Decode(DecodeArgs),
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

/// How secrets are carried (`--secrets`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum SecretsArg {
    /// Reference names in the message; values in the `--secrets-out` manifest.
    #[default]
    Ref,
    /// The values in the message.
    Inline,
}

/// What PagerDuty integrations become (`--pagerduty`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum PagerdutyArg {
    /// SNS with the message contract, like every other integration.
    #[default]
    Sns,
    /// AMP's native PagerDuty integration, keys in Secrets Manager.
    Native,
}

/// `am2amp convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The config file (or AMP definition); `-` reads stdin.
    #[arg(value_name = "PATH|-")]
    pub path: String,
    /// Write the definition here instead of to standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Topic ARN for converted integrations; `{receiver}`, `{integration}` and `{index}` are
    /// replaced (receiver names made valid topic names).
    #[arg(long, value_name = "TEMPLATE")]
    pub topic_arn: Option<String>,
    /// YAML or JSON file mapping receiver names to topic ARNs (before `--topic-arn`).
    #[arg(long, value_name = "FILE")]
    pub topics: Option<PathBuf>,
    /// `sigv4.region` for converted integrations (default: the topic ARN's region).
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// How secrets reach the relay.
    #[arg(long, value_enum, default_value_t = SecretsArg::Ref)]
    pub secrets: SecretsArg,
    /// Write the secret reference → value table here (JSON, mode 0600).
    #[arg(long, value_name = "FILE")]
    pub secrets_out: Option<PathBuf>,
    /// Read `*_file` settings now (AMP cannot read files).
    #[arg(long)]
    pub read_secret_files: bool,
    /// What PagerDuty integrations become.
    #[arg(long, value_enum, default_value_t = PagerdutyArg::Sns)]
    pub pagerduty: PagerdutyArg,
    /// Secrets Manager secret holding the PagerDuty keys (`--pagerduty native`).
    #[arg(long, value_name = "ARN", required_if_eq("pagerduty", "native"))]
    pub pagerduty_secret_arn: Option<String>,
    /// The URL of the Alertmanager being replaced (what `.ExternalURL` rendered as).
    #[arg(long, value_name = "URL")]
    pub external_url: Option<String>,
    /// Remove integrations AMP cannot run (with a warning) instead of failing.
    #[arg(long)]
    pub drop_unsupported: bool,
    /// Write `5d` for `repeat_interval`s longer than AMP's maximum.
    #[arg(long)]
    pub clamp_repeat_interval: bool,
    /// The Alertmanager version the config ran on (default: the newest feature it uses).
    #[arg(long, value_name = "VERSION")]
    pub source_version: Option<Version>,
    /// Reporting options (diagnostics go to standard error).
    #[command(flatten)]
    pub report: ReportArgs,
}

/// `am2amp decode`.
#[derive(Debug, Args)]
pub struct DecodeArgs {
    /// The SNS message: the raw `Message`, an SNS HTTP notification or a Lambda SNS event;
    /// `-` or nothing reads stdin.
    #[arg(value_name = "FILE|-", default_value = "-")]
    pub input: String,
    /// The secrets manifest written by `convert --secrets-out` (references stay names without
    /// it).
    #[arg(long, value_name = "FILE")]
    pub secrets: Option<PathBuf>,
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
