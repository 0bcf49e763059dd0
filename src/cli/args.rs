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
    /// Translate configs into AMP alert manager definitions.
    Convert(Box<ConvertArgs>),
    /// Turn an SNS message from a converted config into the request the original integration
    /// would have sent.
    Decode(DecodeArgs),
    /// Print the long description of a diagnostic code.
    Explain(ExplainArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the manual page (roff).
    Man,
}

/// `am2amp completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
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
    /// SARIF 2.1.0, for code-scanning upload (one document for the whole run).
    Sarif,
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
    /// The Alertmanager version the result must run on (AMP's is not published) [default:
    /// 0.27].
    #[arg(long, value_name = "VERSION")]
    pub alertmanager_version: Option<Version>,
    /// Settings file (default: ./am2amp.toml when it exists).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SecretsArg {
    /// Reference names in the message; values in the `--secrets-out` manifest.
    Ref,
    /// The values in the message.
    Inline,
}

/// What PagerDuty integrations become (`--pagerduty`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PagerdutyArg {
    /// SNS with the message contract, like every other integration.
    Sns,
    /// AMP's native PagerDuty integration, keys in Secrets Manager.
    Native,
}

/// The form outputs are written in (`--emit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EmitArg {
    /// The alert manager definition (YAML).
    Definition,
    /// JSON for `aws amp put-alert-manager-definition --cli-input-json`.
    AwsCli,
    /// A Terraform `aws_prometheus_alert_manager_definition` resource.
    Terraform,
    /// The CloudFormation `AlertManagerDefinition` property.
    Cloudformation,
}

/// `am2amp convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Config files or directories (searched for *.yml and *.yaml); `-` reads stdin.
    #[arg(required = true, value_name = "PATH|-")]
    pub paths: Vec<String>,
    /// Output file (one input) or directory (an existing one, a path ending in `/`, or any with
    /// several inputs: mirrors the input tree); default: standard output for one input.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Write nothing; show a unified diff against the existing output (or the whole output).
    #[arg(long, conflicts_with = "check")]
    pub dry_run: bool,
    /// Write nothing; exit 1 when an output is missing or stale, when the output directory
    /// holds a definition no input converts to, or on any error.
    #[arg(long)]
    pub check: bool,
    /// Output form.
    #[arg(long, value_enum)]
    pub emit: Option<EmitArg>,
    /// Workspace id for `--emit aws-cli` and `terraform` (otherwise: a placeholder, and a
    /// Terraform variable `<name>_workspace_id`).
    #[arg(long, value_name = "ID")]
    pub workspace_id: Option<String>,
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
    /// How secrets reach the relay [default: ref].
    #[arg(long, value_enum)]
    pub secrets: Option<SecretsArg>,
    /// Write the secret reference → value table here (JSON, mode 0600; in a directory, as
    /// `-o` decides, one `<input>.secrets.json` per input).
    #[arg(long, value_name = "PATH")]
    pub secrets_out: Option<PathBuf>,
    /// Read `*_file` settings now (AMP cannot read files).
    #[arg(long)]
    pub read_secret_files: bool,
    /// What PagerDuty integrations become [default: sns].
    #[arg(long, value_enum)]
    pub pagerduty: Option<PagerdutyArg>,
    /// Secrets Manager secret holding the PagerDuty keys (`--pagerduty native`).
    #[arg(long, value_name = "ARN")]
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
