//! Effective settings: `am2amp.toml` (from `--config`, or the current directory) merged with
//! the command line, which wins.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::args::{CheckArgs, ConvertArgs, EmitArg, PagerdutyArg, ReportArgs, SecretsArg};
use crate::alertmanager::url;
use crate::amp::forms::Form;
use crate::check::CheckOptions;
use crate::convert::ConvertOptions;
use crate::diag::Code;
use crate::load::LoadOptions;
use crate::model::Version;
use crate::report::Policy;
use crate::source::Source;
use crate::translate::topics::{Arn, MappingFiles, is_region};
use crate::translate::{self, PagerdutyMode, SecretsMode, Topics};

/// The name looked for in the current directory.
pub const FILE_NAME: &str = "am2amp.toml";

/// `am2amp.toml`: everything a CI run repeats. Keys are the long option names.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct File {
    /// `--alertmanager-version`.
    pub alertmanager_version: Option<String>,
    /// `--allow`, added to the command line's.
    #[serde(default)]
    pub allow: Vec<String>,
    /// `--deny`, added to the command line's.
    #[serde(default)]
    pub deny: Vec<String>,
    /// `--topic-arn`.
    pub topic_arn: Option<String>,
    /// Receiver name (with its place) → topic ARN (like a `--topics` file).
    #[serde(default)]
    pub topics: BTreeMap<toml::Spanned<String>, String>,
    /// `--region`.
    pub region: Option<String>,
    /// `--secrets`.
    pub secrets: Option<SecretsArg>,
    /// `--secrets-out`, relative to this file.
    pub secrets_out: Option<PathBuf>,
    /// `--read-secret-files`.
    pub read_secret_files: Option<bool>,
    /// `--pagerduty`.
    pub pagerduty: Option<PagerdutyArg>,
    /// `--pagerduty-secret-arn`.
    pub pagerduty_secret_arn: Option<String>,
    /// `--external-url` (with its place: it may carry credentials, which no snippet shows).
    pub external_url: Option<toml::Spanned<String>>,
    /// `--drop-unsupported`.
    pub drop_unsupported: Option<bool>,
    /// `--clamp-repeat-interval`.
    pub clamp_repeat_interval: Option<bool>,
    /// `--source-version`.
    pub source_version: Option<String>,
    /// `--emit`.
    pub emit: Option<EmitArg>,
    /// `--workspace-id`.
    pub workspace_id: Option<String>,
    /// The file's name and text, when there is one (for findings about `[topics]`).
    #[serde(skip)]
    pub source: Option<(String, String)>,
}

/// Reads the settings file: `explicit`, else `am2amp.toml` in the current directory when it
/// exists. Returns the settings and the directory relative paths in it start from.
pub fn load(explicit: Option<&Path>) -> Result<(File, PathBuf), String> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None if Path::new(FILE_NAME).is_file() => PathBuf::from(FILE_NAME),
        None => return Ok((File::default(), PathBuf::from("."))),
    };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut file: File = toml::from_str(&text).map_err(|e| {
        let hint = e
            .span()
            .and_then(|at| text.get(at))
            .and_then(|key| key_hint(e.message(), key))
            .map_or_else(String::new, |h| format!("help: {h}"));
        format!("{}: {e}{hint}", path.display())
    })?;
    file.source = Some((path.display().to_string(), text));
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    Ok((file, dir))
}

/// A suggestion for an unknown key, from the keys serde's message lists (`topic_arn` →
/// `topic-arn`).
fn key_hint(message: &str, key: &str) -> Option<String> {
    let (_, expected) = message.split_once("expected one of ")?;
    crate::diag::suggest::did_you_mean(key, expected.split('`').skip(1).step_by(2))
}

fn version(v: &str, what: &str) -> Result<Version, String> {
    v.parse().map_err(|e| format!("{what}: {e}"))
}

fn policy(r: &ReportArgs, f: &File) -> Result<Policy, String> {
    let mut p = Policy::default();
    for d in r.deny.iter().chain(&f.deny) {
        if d == "warnings" {
            p.deny_warnings = true;
        } else {
            p.deny.push(d.parse::<Code>().map_err(|e| e.to_string())?);
        }
    }
    for c in r.allow.iter().chain(&f.allow) {
        p.allow.push(c.parse::<Code>().map_err(|e| e.to_string())?);
    }
    Ok(p)
}

fn check_options(r: &ReportArgs, f: &File) -> Result<CheckOptions, String> {
    let target = match (&r.alertmanager_version, &f.alertmanager_version) {
        (Some(v), _) => *v,
        (None, Some(v)) => version(v, "alertmanager-version")?,
        (None, None) => Version::DEFAULT_TARGET,
    };
    Ok(CheckOptions {
        load: LoadOptions {
            max_input_bytes: r.max_input_bytes,
            ..LoadOptions::default()
        },
        target,
        ..CheckOptions::default()
    })
}

/// Settings of `check`: its options (including what convert would do, for the preview) and
/// the severity policy.
pub fn check(a: &CheckArgs) -> Result<(CheckOptions, Policy), String> {
    let (f, _) = load(a.report.config.as_deref())?;
    let mut opts = check_options(&a.report, &f)?;
    opts.convert = translate_options(None, &f)?.0;
    Ok((opts, policy(&a.report, &f)?))
}

/// Settings of `convert`.
#[derive(Debug)]
pub struct Convert {
    /// Library options.
    pub options: ConvertOptions,
    /// `--allow` / `--deny`.
    pub policy: Policy,
    /// `--emit`.
    pub form: Form,
    /// `--workspace-id`.
    pub workspace_id: Option<String>,
    /// `--secrets-out`.
    pub secrets_out: Option<PathBuf>,
    /// Where the topic mapping's entries are written.
    pub mapping_files: MappingFiles,
}

/// Settings of `convert`.
pub fn convert(a: &ConvertArgs) -> Result<Convert, String> {
    let (f, dir) = load(a.report.config.as_deref())?;
    let mut check = check_options(&a.report, &f)?;
    let (translate, mapping_files) = translate_options(Some(a), &f)?;
    check.convert = translate.clone();
    let form = match a.emit.or(f.emit) {
        None | Some(EmitArg::Definition) => Form::Definition,
        Some(EmitArg::AwsCli) => Form::AwsCli,
        Some(EmitArg::Terraform) => Form::Terraform,
        Some(EmitArg::Cloudformation) => Form::CloudFormation,
    };
    Ok(Convert {
        options: ConvertOptions { check, translate },
        policy: policy(&a.report, &f)?,
        form,
        workspace_id: match a.workspace_id.as_ref().or(f.workspace_id.as_ref()) {
            Some(id) => Some(workspace_id(id)?),
            None => None,
        },
        secrets_out: a
            .secrets_out
            .clone()
            .or_else(|| f.secrets_out.as_ref().map(|p| dir.join(p))),
        mapping_files,
    })
}

/// Translation options from the command line (when converting) over the settings file, and
/// where the topic mapping's entries are written.
fn translate_options(
    a: Option<&ConvertArgs>,
    f: &File,
) -> Result<(translate::Options, MappingFiles), String> {
    let flag = |get: fn(&ConvertArgs) -> bool| a.is_some_and(get);
    let mut topics = Topics::default();
    let mut files = MappingFiles::default();
    if let Some(source) = f.source.as_ref().filter(|_| !f.topics.is_empty()) {
        files.files.push(source.clone());
        for (key, arn) in &f.topics {
            topics.map.insert(key.get_ref().clone(), arn.clone());
            files.keys.insert(key.get_ref().clone(), (0, key.span()));
        }
        files
            .hidden
            .extend(f.external_url.iter().map(|u| (0, u.span())));
    }
    if let Some(t) = a
        .and_then(|a| a.topic_arn.as_ref())
        .or(f.topic_arn.as_ref())
    {
        Topics::check_template(t).map_err(|e| format!("--topic-arn: {e}"))?;
        topics.template = Some(t.clone());
    }
    if let Some(file) = a.and_then(|a| a.topics.as_ref()) {
        let (entries, text) = topics_file(file)?;
        let index = files.files.len();
        files.files.push((file.display().to_string(), text));
        for (key, range, arn) in entries {
            files.keys.insert(key.clone(), (index, range));
            topics.map.insert(key, arn);
        }
    }
    for (receiver, arn) in &topics.map {
        Arn::parse(arn).map_err(|e| bad_mapping_entry(&files, receiver, arn, &e.to_string()))?;
    }
    let region = a.and_then(|a| a.region.clone()).or(f.region.clone());
    if let Some(r) = region.as_ref().filter(|r| !is_region(r)) {
        return Err(format!(
            "--region: `{r}` is not an AWS region (like eu-west-1)"
        ));
    }
    let external_url = a
        .and_then(|a| a.external_url.clone())
        .or_else(|| f.external_url.as_ref().map(|u| u.get_ref().clone()));
    if let Some(u) = &external_url {
        url::check_http(u).map_err(|e| format!("--external-url: {e}"))?;
    }
    let pagerduty = match a
        .and_then(|a| a.pagerduty)
        .or(f.pagerduty)
        .unwrap_or(PagerdutyArg::Sns)
    {
        PagerdutyArg::Sns => PagerdutyMode::Sns,
        PagerdutyArg::Native => {
            let arn = a
                .and_then(|a| a.pagerduty_secret_arn.clone())
                .or(f.pagerduty_secret_arn.clone())
                .ok_or("--pagerduty native needs --pagerduty-secret-arn")?;
            if !(arn.starts_with("arn:aws") && arn.contains(":secretsmanager:")) {
                return Err(format!(
                    "--pagerduty-secret-arn: `{arn}` is not a Secrets Manager ARN"
                ));
            }
            PagerdutyMode::Native { secret_arn: arn }
        }
    };
    let source_version = match (&a.and_then(|a| a.source_version), &f.source_version) {
        (Some(v), _) => Some(*v),
        (None, Some(v)) => Some(version(v, "source-version")?),
        (None, None) => None,
    };
    let options = translate::Options {
        topics,
        region,
        secrets: match a
            .and_then(|a| a.secrets)
            .or(f.secrets)
            .unwrap_or(SecretsArg::Ref)
        {
            SecretsArg::Ref => SecretsMode::Ref,
            SecretsArg::Inline => SecretsMode::Inline,
        },
        secrets_out: a.is_some_and(|a| a.secrets_out.is_some()) || f.secrets_out.is_some(),
        read_secret_files: flag(|a| a.read_secret_files) || f.read_secret_files.unwrap_or(false),
        pagerduty,
        external_url: external_url.map(|u| u.trim_end_matches('/').to_string()),
        drop_unsupported: flag(|a| a.drop_unsupported) || f.drop_unsupported.unwrap_or(false),
        clamp_repeat_interval: flag(|a| a.clamp_repeat_interval)
            || f.clamp_repeat_interval.unwrap_or(false),
        source_version,
        preview: false,
    };
    Ok((options, files))
}

/// A `--workspace-id` as AMP names workspaces: 1–64 letters, digits, `-`, `_` or `.`, at least
/// one a letter or digit (AMP's ids are `ws-` and a UUID). Anything else would fail at upload,
/// or break the URL or Terraform string it is written into.
fn workspace_id(id: &str) -> Result<String, String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if (1..=64).contains(&id.len())
        && id.chars().all(allowed)
        && id.chars().any(|c| c.is_ascii_alphanumeric())
    {
        return Ok(id.to_string());
    }
    let mut message = format!(
        "--workspace-id: `{id}` is not an AMP workspace ID (1–64 letters, digits, `-`, `_` or `.`, like ws-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d)"
    );
    if id.is_empty() {
        message.push_str("\n  help: is the variable it was read from set?");
    }
    Err(message)
}

/// The error for a topic mapping entry whose ARN does not parse: at the entry's key (file,
/// line and column) when its place is known, with a hint for a pattern written as an entry.
fn bad_mapping_entry(files: &MappingFiles, receiver: &str, arn: &str, why: &str) -> String {
    let at = files
        .keys
        .get(receiver)
        .and_then(|(i, range)| Some((files.files.get(*i)?, range.start)))
        .map(|((name, text), offset)| {
            let p = Source::new(name.as_str(), text.as_str()).line_col(offset);
            format!("{name}:{}:{}: ", p.line, p.column)
        })
        .unwrap_or_default();
    let mut message = format!("{at}topics: receiver `{receiver}`: {why}");
    if arn.contains("{receiver}") {
        message.push_str(
            "\n  help: a `{receiver}` pattern goes in `topic-arn`; `[topics]` and `--topics` map one receiver to one ARN",
        );
    }
    message
}

/// A `--topics` file's entries (receiver name, its key's byte range, topic ARN) in key
/// order, and its text.
type TopicsFile = (Vec<(String, std::ops::Range<usize>, String)>, String);

/// Reads a `--topics` file: a YAML (or JSON) mapping of receiver name → topic ARN.
fn topics_file(path: &Path) -> Result<TopicsFile, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("--topics {}: {e}", path.display()))?;
    let map: BTreeMap<SpannedKey, String> = serde_saphyr::from_str(&text).map_err(|e| {
        format!(
            "--topics {}: expected a mapping of receiver names to topic ARNs: {e}",
            path.display()
        )
    })?;
    let entries = map
        .into_iter()
        .map(|(SpannedKey(key), arn)| {
            let span = key.referenced.span();
            let start = span.byte_offset().unwrap_or(0) as usize;
            let end = start + span.byte_len().unwrap_or(0) as usize;
            let range = if end <= text.len() { start..end } else { 0..0 };
            (key.value, range, arn)
        })
        .collect();
    Ok((entries, text))
}

/// A mapping key with its place, compared by the key alone.
#[derive(Debug, Deserialize)]
#[serde(transparent)]
struct SpannedKey(serde_saphyr::Spanned<String>);

impl PartialEq for SpannedKey {
    fn eq(&self, other: &Self) -> bool {
        self.0.value == other.0.value
    }
}

impl Eq for SpannedKey {}

impl Ord for SpannedKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.value.cmp(&other.0.value)
    }
}

impl PartialOrd for SpannedKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
