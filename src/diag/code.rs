//! The catalogue of every diagnostic code.
//!
//! Codes are written `am2amp::<category>::<name>`. Each has a default severity, a one-line
//! summary and a longer explanation printed by `am2amp explain`. `docs/codes.md` is generated
//! from this list (a test keeps it in sync).

use std::fmt;
use std::str::FromStr;

use super::Severity;

/// Groups of codes. An input is *rejected* exactly when it has an error in
/// [`Category::Syntax`] or [`Category::Invalid`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Not YAML, a wrong type, a duplicate key, an unknown field.
    Syntax,
    /// Alertmanager itself would reject the config.
    Invalid,
    /// Valid for Alertmanager, but AMP cannot run it.
    Unsupported,
    /// The output would break an AMP rule or quota.
    Amp,
    /// A Go template problem.
    Template,
    /// Secret handling.
    Secret,
    /// The translation changes behaviour in a small, documented way.
    Lossy,
}

impl Category {
    /// The category as written in codes.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Syntax => "syntax",
            Category::Invalid => "invalid",
            Category::Unsupported => "unsupported",
            Category::Amp => "amp",
            Category::Template => "template",
            Category::Secret => "secret",
            Category::Lossy => "lossy",
        }
    }

    /// True for the categories that mean "Alertmanager would reject this input".
    pub fn rejects(self) -> bool {
        matches!(self, Category::Syntax | Category::Invalid)
    }
}

macro_rules! catalogue {
    ($(
        $variant:ident = $cat:ident $name:literal $sev:ident
            $summary:literal
            $explain:literal;
    )*) => {
        /// A diagnostic code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(
                #[doc = $summary]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The category.
            pub fn category(self) -> Category {
                match self { $(Code::$variant => Category::$cat,)* }
            }

            /// The name within the category (`unknown-field`).
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// Severity when no `--allow`/`--deny` applies.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }

            /// One line saying what the code is about.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }

            /// The long description printed by `am2amp explain`.
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => $explain,)* }
            }
        }
    };
}

impl Code {
    /// The full code, `am2amp::<category>::<name>`.
    pub fn full_name(self) -> String {
        format!("am2amp::{}::{}", self.category().as_str(), self.name())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "am2amp::{}::{}", self.category().as_str(), self.name())
    }
}

/// Returned when a string names no code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown diagnostic code `{0}` (run `am2amp explain --list` to see all codes)")]
pub struct UnknownCode(pub String);

impl FromStr for Code {
    type Err = UnknownCode;

    /// Accepts `am2amp::syntax::yaml`, `syntax::yaml` or `yaml` (when the name is unique).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let t = t.strip_prefix("am2amp::").unwrap_or(t);
        let found: Vec<Code> = Code::ALL
            .iter()
            .copied()
            .filter(|c| match t.split_once("::") {
                Some((cat, name)) => c.category().as_str() == cat && c.name() == name,
                None => c.name() == t,
            })
            .collect();
        match found.as_slice() {
            [one] => Ok(*one),
            _ => Err(UnknownCode(s.to_string())),
        }
    }
}

catalogue! {
    // ---------------------------------------------------------------- syntax
    Yaml = Syntax "yaml" Error
        "The input is not valid YAML."
        "The YAML parser stopped at the position shown. Nothing after it was read, so this is the
only diagnostic for the file. Alertmanager fails the same way (`yaml: line N: ...`); where
its YAML reader is laxer than YAML 1.2 (a quoted value whose continuation lines are not
indented past its block, a comment with no space before it as in `'#alerts'#team`, a line
of a flow collection such as `[a,` `b]` starting with a tab), am2amp reads the file as
Alertmanager does instead of failing.
A value whose tag names a type its text is not (`!!int ten`, `!!bool maybe`, `!!binary`
text that is not base64) is an error here too, as it is in Alertmanager (`cannot decode`).
The invisible characters U+0085, U+2028 and U+2029 end a line for Alertmanager (YAML 1.1)
and so for am2amp; inside a quoted or block value, where the two would read the text
differently, they are an error. So is a tab where Alertmanager's reader refuses one though
YAML 1.2 allows it: in a line's leading whitespace outside a flow collection, right after
`- `, or left of the indentation of the value before it (a blank line holding a tab after
a value is the usual case); a tab after a value on its line or inside one is fine.

Common causes: a tab used for indentation, an unclosed quote or bracket, a `:` inside an
unquoted value (`summary: CPU: high` must be quoted), or a template like `{{ .Labels.x }}`
starting an unquoted value (YAML reads `{` as the start of a mapping; quote the value).";

    Encoding = Syntax "encoding" Error
        "The input is not UTF-8 text."
        "Alertmanager configs are UTF-8 YAML. The input contains a byte sequence that is not valid
UTF-8 (or NUL bytes, which suggest a binary file) at the position shown. Re-save the file as
UTF-8, or check that the right file was passed.";

    TooLarge = Syntax "too-large" Error
        "The input is larger than the configured size limit."
        "am2amp refuses inputs above `--max-input-bytes` (default 8 MiB) before parsing them, so
that a wrong path or a generated file cannot exhaust memory. AMP itself limits an alert manager
definition to 1 MB. Raise the limit with `--max-input-bytes` if the file is really meant to be
this large.";

    Budget = Syntax "budget" Error
        "The YAML exceeds a parser budget (nesting, nodes or alias expansion)."
        "The YAML uses more nesting, nodes or alias expansions than any real Alertmanager config
needs. This protects against inputs such as alias bombs (`a: &a [*b, *b, ...]`) that expand to
billions of nodes. Real configs stay far below the limits; if yours does not, split it or
remove repeated aliases.";

    DuplicateKey = Syntax "duplicate-key" Error
        "A mapping has the same key twice."
        "YAML mappings must not repeat a key, and Alertmanager's strict loader rejects repeated
fields (`field x already set`). Many YAML tools silently keep the last value, which hides
mistakes such as two `routes:` blocks in one route. Both places are shown; merge them or delete
one.

A `<<` merge counts too where Alertmanager reads a map (`match:`, `details:`, `attributes:`): a
key the merged mapping and the map itself both set is refused (`key already set in map`),
whichever comes first.";

    UnknownField = Syntax "unknown-field" Error
        "A field that Alertmanager does not know."
        "Alertmanager loads its config strictly: any key it does not know makes it reject the whole
file (`field x not found in type config.plain`). am2amp knows every field from Alertmanager 0.25
to 0.34, so a field reported here is unknown to all of them; usually a typo or a key indented
under the wrong parent. The help line suggests the closest known field.";

    TypeMismatch = Syntax "type-mismatch" Error
        "A value has the wrong type (for example a list where a string is expected)."
        "The value at this position cannot be read as the type Alertmanager expects: a mapping
where a string is needed, a quoted string where a boolean is needed (`\"true\"` is not a
boolean, and neither is a tagged `!!str true`: a tag such as `!!str`, `!` or `!name` makes
any value a string), a word where a number is needed (`chat_id: CHAT-ID`). Alertmanager
rejects such files with `cannot unmarshal ...`.";

    ExtraDocuments = Syntax "extra-documents" Warning
        "The file holds more than one YAML document; only the first is used."
        "Alertmanager reads only the first YAML document of its config file. Everything after the
first `---` separator that starts a new document (or a `...` end marker, or a `%YAML`
directive) is ignored, by Alertmanager and by am2amp; it is not even parsed, so text there
that is not valid YAML is no error either.";

    MergeOrder = Syntax "merge-order" Warning
        "Alertmanager applies this `<<` merge differently from most YAML tools."
        "Go's yaml.v2, which Alertmanager uses, applies a `<<` merge where it stands: a key the
mapping sets before the `<<` line takes the merged value if the merged mapping has it too, and
of two `<<` keys the later wins. The YAML merge-key spec, and most other tools (Helm, yq,
Python), keep the mapping's own value instead.

yaml.v2 also decodes each value into what its field already holds. When a merge and the mapping
itself both set a field that is a map (`match`, `match_re`, PagerDuty `details`, SNS
`attributes`) or a struct without defaults (`route`, `basic_auth`, `authorization`, `oauth2`,
`tls_config`, a Slack `confirm`), the two mappings are joined: the keys of both count, and for
a map a key in both is an error (`already set in map`), as is a key that a merge inside a map
sets again. Other tools keep one of the two mappings whole. The root route set twice (by a
top-level merge) groups by the labels of both `group_by` lists.

am2amp reads the file as Alertmanager does, so the output carries the merged or joined value.
Put `<<` first in the mapping, or set the key in one place only.

Go also checks every value it decodes, one a later key or merge replaces too; am2amp checks
only the value that stays.";

    // ---------------------------------------------------------------- invalid
    NoRoute = Invalid "no-route" Error
        "The config has no root `route`."
        "Alertmanager requires a top-level `route:` with at least a `receiver:`. An empty file, or
a file that only defines receivers, is rejected with `no route provided in config`.";

    RootRoute = Invalid "root-route" Error
        "The root route breaks one of Alertmanager's rules for it."
        "The root route is the entry point for every alert, so Alertmanager requires that it names
a default `receiver`, and forbids matchers (`match`, `match_re`, `matchers`), `continue`, and
`mute_time_intervals`/`active_time_intervals` on it. Move the matchers or time intervals to a
child route under `routes:`.";

    UndefinedReceiver = Invalid "undefined-receiver" Error
        "A route names a receiver that is not defined."
        "Every `receiver:` in the routing tree must name an entry of `receivers:` exactly (names are
case-sensitive). Alertmanager rejects the config with `undefined receiver \"x\" used in route`.";

    DuplicateName = Invalid "duplicate-name" Error
        "Two receivers or time intervals have the same name."
        "Receiver names must be unique (`notification config name \"x\" is not unique`), and time
interval names must be unique across both `time_intervals` and the deprecated
`mute_time_intervals`.";

    MissingName = Invalid "missing-name" Error
        "A receiver or time interval has no name."
        "Every entry of `receivers:`, `time_intervals:` and `mute_time_intervals:` needs a non-empty
`name:`; routes refer to them by that name.";

    UndefinedTimeInterval = Invalid "undefined-time-interval" Error
        "A route names a time interval that is not defined."
        "Names in a route's `mute_time_intervals` and `active_time_intervals` must be defined under
the top-level `time_intervals:` or `mute_time_intervals:`.";

    GroupBy = Invalid "group-by" Error
        "A `group_by` list repeats a label or mixes `...` with label names."
        "`group_by: ['...']` groups by all labels and must stand alone; a label may appear only once.
Alertmanager rejects `duplicated label \"x\" in group_by` and `cannot have wildcard group_by
(...) and other labels at the same time`.";

    LabelName = Invalid "label-name" Error
        "A label name is not valid."
        "Label names in `group_by`, `match`, `match_re`, `source_match*`, `target_match*` and
`equal` must match `[a-zA-Z_][a-zA-Z0-9_]*`. Quote-free UTF-8 names are only accepted inside
`matchers:` strings by Alertmanager 0.27 and later.";

    ZeroInterval = Invalid "zero-interval" Error
        "`group_interval` or `repeat_interval` is zero."
        "A zero `group_interval` or `repeat_interval` would make Alertmanager notify in a tight
loop; it rejects the config (`group_interval cannot be zero`).";

    Duration = Invalid "duration" Error
        "A duration is not in Prometheus duration syntax."
        "Route timers and other durations use Prometheus syntax: an integer followed by a unit,
units in decreasing order, each at most once: `30s`, `5m`, `1h30m`, `1d`, `1w`, `1y`, `500ms`.
`0` is allowed without a unit. Decimal values (`1.5h`) and spaces are not. Fields such as
`timeout` use Go's syntax instead (`1.5s`, `300ms`).";

    Matcher = Invalid "matcher" Error
        "A matcher string cannot be parsed."
        "Entries of `matchers`, `source_matchers` and `target_matchers` are strings such as
`severity=\"critical\"`, `team=~\"a|b\"` or `env!=prod`. Alertmanager parses them with its matcher
parser; the message shows what it stumbled over. Quote values that contain spaces, commas or
quotes.";

    Regex = Invalid "regex" Error
        "A regular expression does not compile."
        "Values in `match_re`, `source_match_re`, `target_match_re` and regex matchers (`=~`, `!~`)
are RE2 regular expressions in Go's syntax, anchored by Alertmanager as `^(?:RE)$`, and am2amp
reads them as Go does. RE2 has no lookaround and no backreferences (`\\1` is an error), only the
flags `i`, `m`, `s` and `U`, and no repetition of a repetition (`a**`); a count may not pass
1,000, nested counts included (`(a{2}){600}`). A `{` that starts no count is a literal
(`foo{bar=x}`), and so is `[` inside a class. An unclosed `\\Q` runs to the end of the
anchored expression and swallows its `)`. A `match_re` entry with an empty (null) value is
rejected as `invalid regexp value`.";

    TimeInterval = Invalid "time-interval" Error
        "A time interval has an invalid field or range."
        "Time interval ranges: `times` with `start_time`/`end_time` as `HH:MM` (two-digit hours,
00:00–24:00, start before end); `weekdays` as names (`monday:friday`); `days_of_month` from -31
to 31 without 0 (a negative start needs a negative end); `months` as names or numbers (1–12;
Alertmanager does not check the range, so neither does am2amp, though `13` matches no month);
`years` as `2024:2026`; `location` as an IANA time zone name. Ranges are inclusive and written
`start:end`.";

    Url = Invalid "url" Error
        "A URL is malformed or not http(s)."
        "URL fields (`api_url`, `url`, `webhook_url`, `pagerduty_url`, …) must parse, use the `http` or
`https` scheme and have a host. Placeholders such as `${SLACK_URL}` that a deployment tool was
meant to replace are a common cause: Alertmanager sees the literal text and rejects it with
`unsupported scheme \"\" for URL`.";

    MissingField = Invalid "missing-field" Error
        "A required field is missing."
        "Some integrations cannot work without certain fields (for example `to` for email,
`routing_key` for VictorOps, `chat_id` for Telegram, a routing or service key for PagerDuty).
Alertmanager rejects the config when they are absent or empty.";

    ConflictingFields = Invalid "conflicting-fields" Error
        "Two fields that exclude each other are both set."
        "Alertmanager accepts at most one of a value and its `_file` variant (`api_url` and
`api_url_file`, `routing_key` and `routing_key_file`, …), and similar pairs in `http_config`
(`basic_auth`, `authorization`, `oauth2`, `bearer_token`). Keep one.";

    MissingGlobal = Invalid "missing-global" Error
        "An integration needs a value from `global` that is not set."
        "Some integrations take a value from `global` when their own is empty: Slack takes
`slack_api_url`, OpsGenie `opsgenie_api_key`, VictorOps `victorops_api_key`, email
`smtp_smarthost` and `smtp_from`, WeChat `wechat_api_secret` and `wechat_api_corp_id`. When
neither the entry nor `global` sets it, Alertmanager rejects the config (`no global Slack API URL
set either inline or in a file`). Set it on the entry or in `global`.";

    SnsTarget = Invalid "sns-target" Error
        "An `sns_configs` entry has no single target."
        "An SNS config needs exactly one of `topic_arn`, `target_arn` and `phone_number`.
Alertmanager rejects none or two of them (`must provide either a Target ARN, Topic ARN, or
Phone Number for SNS config`); because of a quirk in its check it accepts all three, which
publishes to every one of them.";

    NullEntry = Invalid "null-entry" Error
        "A list has an empty (null) entry that Alertmanager cannot use."
        "A bare `-` under, say, `webhook_configs:` is a null entry. Under an integration list,
`receivers:` or `routes:` Alertmanager 0.25 to 0.31 crash on it while loading; later versions
reject it (`missing webhook config`). Under Slack's `actions:` or `fields:` 0.25 loads it and
crashes when it sends. Remove the dash or fill in the entry.

Lists whose entries Go declares as values take a null entry as the zero value, without the
entry's own checks, and am2amp reads them so: `inhibit_rules:` (a rule that inhibits nothing),
`time_intervals:` (an interval with an empty name, which routes may use), a named interval's
entries (always), `weekdays:` (Sunday), `times:`, `days_of_month:`, `months:` and `years:`
(ranges that match nothing), `equal:` (an empty label name) and PagerDuty's `images:` and
`links:` (dropped when sent).";

    Value = Invalid "value" Error
        "A field has a value Alertmanager does not accept."
        "The field takes one of a fixed set of values (for example `message_type` of WeChat is
`text` or `markdown`, `parse_mode` of Telegram is `Markdown`, `MarkdownV2`, `HTML` or empty,
`api_type` of Jira is `auto`, `cloud` or `datacenter`), or the value conflicts with Alertmanager's
rules for that field. The message names the accepted values.";

    HostPort = Invalid "host-port" Error
        "An SMTP smarthost is not `host:port`."
        "`smtp_smarthost` and `smarthost` must be `host:port` with a non-empty port (for example
`smtp.example.org:587`). IPv6 hosts are written in brackets (`[::1]:25`).";

    TemplateFile = Invalid "template-file" Error
        "A `templates:` entry is not a valid glob, or a file it matches is not a valid Go template."
        "Alertmanager parses every file matched by `templates:` when it loads its config and
refuses to start when one fails to parse. The message shows the Go template error at its
position in the template file. Go's parser also refuses a function name it does not know,
even in a part of the file nothing calls (`function \"x\" not defined`), and a file that
defines one name twice with a body each (`multiple definition of template \"x\"`).

Entries are Go `filepath.Glob` patterns, relative to the config's directory: `*` and `?`
stop at `/` (`**` is `*`), `[^a]` negates a class (`[!a]` is a class holding `!` and `a`),
`\\` escapes. A class that does not close or holds a bare `-` or `]`, or a trailing `\\`, is
`syntax error in pattern`, and an entry that matches a directory is `is a directory`: both
stop Alertmanager loading.";

    // ---------------------------------------------------------------- template
    TemplateSyntax = Template "syntax" Error
        "A templated field is not a valid Go template."
        "Fields such as `title`, `text`, `description` or `message` are Go templates, rendered for
every notification. Alertmanager does not parse them when it loads the config, so a broken one
passes `amtool check-config` and the upload to AMP, and the notification then fails at send
time. The message is Go's, at the position shown.";

    UndefinedTemplate = Template "undefined" Error
        "A `{{ template \"name\" }}` call names a template nobody defines."
        "The called template is neither one of Alertmanager's default templates nor defined in a
file listed under `templates:`. Alertmanager fails the notification at send time (`no such
template`). Check the spelling, or add the file that defines it to `templates:`.

In a template that nothing runs (no field calls it, directly or through other templates, and it
is not named like one of Alertmanager's defaults, which integrations call by themselves) the call
is a warning: Alertmanager loads and sends without ever finding it.";

    NoEquivalent = Template "no-equivalent" Error
        "A converted field calls a default template am2amp has no escaped copy of."
        "Converted fields call escaped copies of the templates they use (see
`am2amp::template::reserved-name`). am2amp makes the copies of Alertmanager's default templates
from its own equivalents, which cover what PagerDuty, Slack, webhook and SNS use. The others
(email, OpsGenie, WeChat, VictorOps, Pushover, Telegram, Discord, Webex) have none, so the field
would be empty in every message. Define the template in a file under `templates:` (Alertmanager
then uses yours instead of its default), or write the text into the field.";

    UnknownFunction = Template "unknown-function" Error
        "A template calls a function that no Alertmanager version has."
        "Alertmanager's templates have Go's built-in functions (`printf`, `len`, `index`, `eq`, …) and
Alertmanager's own (`toUpper`, `join`, `reReplaceAll`, `title`, `safeHtml`, …). Sprig functions
and Helm's (`upper`, `default`, `quote`) are not available. In a receiver field the
notification fails at send time; in a template file Alertmanager refuses to load.";

    FunctionVersion = Template "function-version" Error
        "A template uses a function or default template newer than the target Alertmanager."
        "Functions such as `toJson` (0.30), `date` (0.28) or `trimSpace` (0.26) do not exist in older
Alertmanager releases. AMP does not publish its Alertmanager version, so am2amp targets 0.27 by
default (`--alertmanager-version` changes it). On an older Alertmanager the template fails.";

    TemplateField = Template "field" Error
        "A template reads a field that Alertmanager's data does not have."
        "A notification's data has `Receiver`, `Status`, `Alerts`, `GroupLabels`, `CommonLabels`,
`CommonAnnotations` and `ExternalURL`; each alert has `Status`, `Labels`, `Annotations`,
`StartsAt`, `EndsAt`, `GeneratorURL` and `Fingerprint`. Label and annotation names are free
(`.CommonLabels.severity`). A misspelled field (`.CommonLables`) fails the notification at send
time with `can't evaluate field`.";

    MissingTemplateFile = Template "missing-file" Warning
        "A `templates:` entry matches no file."
        "Alertmanager accepts `templates:` globs that match nothing, but then every template those
files should define is missing: receivers that call them fail at send time, and am2amp cannot
check or convert them. Paths are relative to the config file's directory; for an AMP
definition, entries name `template_files` keys.";

    DuplicateDefine = Template "duplicate-define" Warning
        "A template name is defined twice, or an empty definition replaces nothing."
        "When several files under `templates:` define the same name, the one loaded last wins and
the other definition is silently unused. Rename one of them. A file's own text outside its
definitions is a template too, named after the file (`{{ template \"team.tmpl\" . }}` prints
it), so it counts here when it is more than white space; of two files with one name in
different directories, the converted definition gives the bare name to the file whose text
that name called, and renames the other.

A definition whose body is only white space and comments never replaces an earlier one, nor
Alertmanager's default of that name: `{{ define \"slack.default.title\" }}{{ end }}` leaves
Slack's default title in place. A template that prints nothing needs an action, such as
`{{ \"\" }}`.";

    ReservedTemplate = Template "reserved-name" Error
        "A user template has a name am2amp gives its own templates."
        "A converted field cannot call a template directly: the output of a call cannot be
escaped. It calls an escaped copy instead (`am2amp:NAME`, or `am2amp.plain:NAME` when it
passes something other than the notification data under `--external-url`), every printed
value goes through the template `am2amp`, and parts shared by many messages are templates
named `am2amp.message:NAME`; am2amp writes these into its own template file of the
definition. A user template with one of these names would collide with them. Rename it.";

    // ---------------------------------------------------------------- unsupported
    UnsupportedIntegration = Unsupported "integration" Error
        "A receiver uses an integration that AMP cannot run and am2amp cannot translate."
        "AMP delivers notifications through Amazon SNS (and natively to PagerDuty). am2amp rewrites
`pagerduty_configs`, `slack_configs` and `webhook_configs` into `sns_configs` carrying the
message contract; other integrations (`email_configs`, `opsgenie_configs`, `msteams_configs`, …)
have no translation. Replace them with an SNS topic and a subscriber (AWS Chatbot, a Lambda,
an email subscription), or pass `--drop-unsupported` to remove them: the receiver stays, so
routes remain valid, but those notifications are no longer sent.";

    DroppedIntegration = Unsupported "dropped-integration" Warning
        "An integration AMP cannot run was removed (`--drop-unsupported`)."
        "Under `--drop-unsupported`, integrations with no translation are removed from their
receiver instead of failing the conversion. The receiver keeps its name and its other
integrations, so routes stay valid, but notifications that went through the removed integration
are no longer sent. Subscribe an equivalent to the receiver's SNS topic.";

    ServerSetting = Unsupported "server-setting" Warning
        "A top-level setting configures the Alertmanager server itself, which AMP runs; it is removed."
        "`tracing` and `event_recorder` configure the Alertmanager process (where it sends traces
and events). AMP operates the process and does not accept them, so am2amp leaves them out of the
definition.";

    // ---------------------------------------------------------------- secret
    SecretFile = Secret "file-field" Error
        "A `*_file` setting names a file AMP cannot read."
        "Alertmanager reads `*_file` settings (`routing_key_file`, `api_url_file`, `password_file`,
…) from its own disk when it sends a notification. AMP has no such disk and rejects every
`*_file` setting. Put the value itself in the config, or pass `--read-secret-files` to have
am2amp read the file when converting (relative paths are resolved as Alertmanager does: from the
working directory, and from the config's directory for `http_config` files).";

    SecretFileUnreadable = Secret "file-unreadable" Error
        "A `*_file` setting could not be read under `--read-secret-files`."
        "am2amp tried to read the file named by a `*_file` setting and failed (it does not exist, is
not readable, or is not UTF-8). The file's content is never shown.";

    SecretInlined = Secret "inlined" Warning
        "A secret is written into the SNS message (`--secrets inline`)."
        "With `--secrets inline` the secret value (a routing key, a Slack webhook URL, a password)
is written into the message template, so it travels in every SNS notification and can be read
by anyone who can read the topic or the relay's logs. The default, `--secrets ref`, writes a
stable reference name instead and the values go to the `--secrets-out` manifest for the relay.";

    SecretTemplated = Secret "templated" Advice
        "A secret field is a template; its rendered value is carried in the message."
        "The value of this secret field contains `{{ }}` and is rendered for each notification
(for example a routing key taken from an alert label). A reference name cannot stand for a
value that depends on the alert, so the rendered value is written into the SNS message.";

    SecretManifest = Secret "no-manifest" Advice
        "Secrets were replaced by references but no `--secrets-out` manifest was written."
        "Under `--secrets ref` the message carries reference names such as
`team-db/pagerduty/0/routing_key` (and `--pagerduty native` refers to keys of a Secrets Manager
secret); the relay, or the secret, needs the values. `--secrets-out FILE` writes the table of
references and values as JSON (mode 0600). Without it, build the table from the original
config.";

    // ---------------------------------------------------------------- lossy
    GroupKeyFallback = Lossy "group-key" Advice
        "A receiver is reached by several route paths, so the message cannot carry its group key."
        "Alertmanager's group key starts with the path of route matchers that led to the
notification; PagerDuty's `dedup_key` and the webhook's `groupKey` are built from it. A template
cannot know which route matched, so when a receiver is used by more than one route the message
carries `route: null` and the relay uses the documented fallback key. Incidents opened before
the migration do not resolve from notifications sent after it. Give each route its own receiver
to keep the exact key.";

    ExternalUrl = Lossy "external-url" Advice
        "A converted field uses `.ExternalURL`, which becomes AMP's URL after the migration."
        "`.ExternalURL` is the address of the Alertmanager that sends the notification. Default
templates such as PagerDuty's `client_url` and Slack's `title_link` and `fallback` link to it,
and so does the webhook body's `externalURL`. On AMP it is AMP's own endpoint, not your old
Alertmanager's UI. Pass `--external-url URL` to write the old address into the converted
templates instead.";

    HttpSetting = Lossy "http-setting" Warning
        "An `http_config` setting is not carried to the relay."
        "The relay receives the credentials of `http_config` (basic auth, authorization, OAuth 2)
as references. TLS settings, proxies, custom headers, `follow_redirects` and `enable_http2`
describe the old Alertmanager's network and are not carried: configure the relay accordingly.";

    IntegrationField = Lossy "field" Warning
        "An integration setting has no equivalent in the message contract."
        "A few settings need state or behaviour the relay cannot reproduce from one SNS message
(for example Slack's `update_message`, which edits an earlier message). They are left out and
the relay sends what the integration would send without them.";

    VersionDefault = Lossy "version-default" Advice
        "A default differs between the source Alertmanager and the 0.25 behaviour the contract follows."
        "The contract reproduces Alertmanager 0.25's requests. Since 0.30, PagerDuty's default
`details` carry the alerts as JSON (`toJson`) and values are typed; 0.25 sends text lists and
strings. Set `details` explicitly if the relay should send something else.";

    // ---------------------------------------------------------------- amp
    DefinitionShape = Amp "definition-shape" Warning
        "An alert manager definition has a key other than `alertmanager_config` and `template_files`."
        "AMP (like Cortex and Mimir) reads only two top-level keys of a definition:
`alertmanager_config` (the Alertmanager config as a string) and `template_files` (file name →
template text). Anything else is silently ignored; a common mistake is a template placed at the
top level instead of under `template_files:`, which is then lost.";

    ForbiddenField = Amp "forbidden-field" Warning
        "A setting AMP does not allow was removed from an integration."
        "AMP sends SNS notifications itself: it rejects `api_url` and `http_config` on
`sns_configs`, uses only `region` of `sigv4` (it publishes as its service principal), and
manages the HTTP client. For native PagerDuty it rejects `url`, `http_config` and `*_file`
settings. am2amp removes them; the message says which.";

    Sigv4Region = Amp "sigv4-region" Error
        "An SNS integration has no `sigv4.region` and none can be derived."
        "AMP needs `sigv4.region` on every `sns_configs` entry to sign its Publish call. am2amp
takes it from `--region` or from the region part of the topic ARN; when neither is available,
set it in the config.";

    TopicArn = Amp "topic-arn" Error
        "A topic ARN is malformed."
        "SNS topic ARNs look like `arn:aws:sns:eu-west-1:123456789012:team-db`: partition (`aws`,
`aws-cn`, `aws-us-gov`), service `sns`, region, 12-digit account id and a topic name of up to
256 letters, digits, `-` and `_` (`.fifo` for FIFO topics). AMP does not check the ARN at
upload, so a bad one only fails when a notification is sent.";

    MissingTopic = Amp "missing-topic" Error
        "No SNS topic is known for a receiver that needs one."
        "Converted integrations publish to an SNS topic: give `--topic-arn` with placeholders
(`arn:aws:sns:eu-west-1:123456789012:{receiver}`) or a `--topics` file mapping receiver names to
ARNs.";

    TopicTypo = Amp "topic-typo" Warning
        "A topic-mapping entry no converted config used looks like a misspelled receiver name."
        "With both a topic mapping (`--topics`, `[topics]` in am2amp.toml) and a `--topic-arn`
template, a receiver missing from the mapping gets the template's topic without complaint. So
after a run, every mapping entry that no converted config used is compared with the receivers
that got the template's topic; one that looks like such a receiver (`oncall-pagr` and
`oncall-pager`) is reported at the entry, naming the receiver and where it is. That receiver's
alerts would go to a topic nobody subscribed to. A mapping shared by many configs lists
receivers of configs a run did not read; those are only reported when one resembles a receiver
of the run, which can be a coincidence (`team-a`, `team-b`): allow the code then.";

    FifoTopic = Amp "fifo-topic" Warning
        "A topic is a FIFO topic; AMP documents Standard topics."
        "Alertmanager sets the deduplication id of a FIFO topic to the group key's hash, and SNS
drops a message with the same id within five minutes, so a resolve that follows a firing
notification quickly is lost. AMP documents Standard topics only.";

    RepeatInterval = Amp "repeat-interval" Warning
        "A `repeat_interval` is longer than AMP's maximum of 5 days."
        "AMP treats any `repeat_interval` above 5 days as 5 days. `--clamp-repeat-interval` writes
`5d` into the output so the definition says what AMP does.";

    DefinitionTooLarge = Amp "too-large" Error
        "The definition is larger than AMP's 1 MB limit."
        "AMP rejects alert manager definitions over 1 MB (the file, template files included).
Split the configuration, or shorten templates.";

    Quota = Amp "quota" Warning
        "The definition exceeds a default AMP quota (100 templates, inhibit rules or route nodes)."
        "AMP limits a definition to 100 template files, 100 inhibit rules and 100 routing tree nodes
by default. These quotas can be raised through Service Quotas; request an increase before
uploading.";

    NewerFeature = Amp "newer-feature" Error
        "The output uses a field or syntax newer than the target Alertmanager."
        "AMP parses the definition strictly with its own Alertmanager version, which AWS does not
publish; am2amp targets 0.27 by default (`--alertmanager-version`). A field or matcher syntax
introduced later is rejected at upload (`field X not found`). Remove it or raise the target if
you know AMP accepts it.";

    MessageSize = Amp "message-size" Advice
        "A webhook message carries every alert of a group and may exceed SNS's 256 KiB limit."
        "SNS cuts messages over 256 KiB, and a cut contract message no longer parses, so the relay
cannot deliver it. A webhook message carries every alert of the notification; with many alerts
or large annotations it can grow past the limit. Set `max_alerts` on the webhook (the message
then carries the first alerts and the total count).";

    SnsSubject = Amp "subject" Advice
        "An SNS integration uses the default subject, which AMP may rewrite."
        "SNS subjects must be printable ASCII and under 100 characters. The default subject lists
the group's label values and easily breaks both rules; AMP then replaces or truncates it. Set a
short `subject`.";

    SelfCheck = Amp "self-check" Error
        "Internal error: the converted definition failed am2amp's own check."
        "am2amp reloads every definition it writes and checks it like an input. This finding means
the converter produced something invalid; nothing was written. Please report it with the
input.";
}

/// The catalogue as Markdown (the content of `docs/codes.md`).
pub fn catalogue_markdown() -> String {
    let mut out = String::from(
        "# Diagnostic codes\n\n<!-- Generated from src/diag/code.rs by `UPDATE_DOCS=1 cargo test --test docs`; do not edit. -->\n\n\
         Codes are `am2amp::<category>::<name>`. An input is *rejected* (Alertmanager would refuse it) exactly\n\
         when it has an error in `syntax` or `invalid`. `am2amp explain CODE` prints an entry.\n",
    );
    let mut category = None;
    for c in Code::ALL {
        if category != Some(c.category()) {
            category = Some(c.category());
            out.push_str(&format!("\n## `{}`\n", c.category().as_str()));
        }
        out.push_str(&format!(
            "\n### `{}`\n\n*{}* — {}\n\n{}\n",
            c.full_name(),
            c.default_severity().as_str(),
            c.summary(),
            c.explanation()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_parse_back() {
        for c in Code::ALL {
            assert_eq!(c.full_name().parse::<Code>(), Ok(*c));
            assert_eq!(
                format!("{}::{}", c.category().as_str(), c.name()).parse::<Code>(),
                Ok(*c)
            );
            assert!(!c.summary().is_empty() && !c.explanation().is_empty());
            assert!(
                c.name()
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '-' || ch.is_ascii_digit()),
                "{c}"
            );
        }
        assert!("nonsense".parse::<Code>().is_err());
    }
}
