//! The forms a definition can be written in: the definition file itself, the JSON input of
//! `aws amp put-alert-manager-definition --cli-input-json`, a Terraform
//! `aws_prometheus_alert_manager_definition` resource, and the CloudFormation
//! `AlertManagerDefinition` property of `AWS::APS::Workspace`.

use std::borrow::Cow;

use base64::Engine;

use crate::spill::Text;
use crate::yaml::{Node, emit_document};

/// An output form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Form {
    /// The definition file (YAML).
    #[default]
    Definition,
    /// JSON for `aws amp put-alert-manager-definition --cli-input-json file://…`.
    AwsCli,
    /// A Terraform resource.
    Terraform,
    /// The CloudFormation property, in YAML.
    CloudFormation,
}

/// Stands in for the workspace id of the `aws-cli` form when none is given (the command's
/// `--workspace-id` overrides it).
pub const WORKSPACE_PLACEHOLDER: &str = "REPLACE_WITH_WORKSPACE_ID";

impl Form {
    /// The output file's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Form::Definition | Form::CloudFormation => "yml",
            Form::AwsCli => "json",
            Form::Terraform => "tf",
        }
    }

    /// True when `text` is a file of this form holding an alert manager definition: what
    /// [`Form::render`] writes, or a file written by hand the same way.
    pub fn holds_definition(self, text: &str) -> bool {
        let top_key = |key: &str| {
            text.lines()
                .any(|l| l.strip_prefix(key).is_some_and(|r| r.starts_with(':')))
        };
        match self {
            Form::Definition => top_key("alertmanager_config"),
            Form::CloudFormation => top_key("AlertManagerDefinition"),
            Form::AwsCli => serde_json::from_str::<serde_json::Value>(text)
                .is_ok_and(|v| v.get("workspaceId").is_some() && v.get("data").is_some()),
            Form::Terraform => text.lines().any(|l| {
                l.trim_start()
                    .starts_with("resource \"aws_prometheus_alert_manager_definition\"")
            }),
        }
    }

    /// `text` of this form as a reviewer reads it: an `aws-cli` file with its `data` decoded
    /// from base64 (the definition, one line per line, under the workspace id); other forms,
    /// and a file that is not valid `aws-cli` JSON, as they are.
    pub fn reviewable(self, text: &str) -> Cow<'_, str> {
        if self != Form::AwsCli {
            return Cow::Borrowed(text);
        }
        let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else {
            return Cow::Borrowed(text);
        };
        let decoded = v
            .get("data")
            .and_then(|d| d.as_str())
            .and_then(|d| base64::engine::general_purpose::STANDARD.decode(d).ok())
            .and_then(|d| String::from_utf8(d).ok());
        match (v.get("workspaceId").and_then(|w| w.as_str()), decoded) {
            (Some(ws), Some(definition)) => {
                Cow::Owned(format!("workspaceId: {ws}\ndata, decoded:\n{definition}"))
            }
            _ => Cow::Borrowed(text),
        }
    }

    /// [`Form::render`] for a definition as [`convert_input`](crate::convert::convert_input)
    /// returns it (a large one is read back from its temporary file).
    pub fn render_text(
        self,
        definition: Text,
        name: &str,
        workspace_id: Option<&str>,
    ) -> std::io::Result<Text> {
        if self == Form::Definition {
            return Ok(definition);
        }
        let text = definition.read()?;
        Ok(Text::from(
            self.render(&text, name, workspace_id).into_owned(),
        ))
    }

    /// The definition in this form; `name` names the Terraform resource. Without a workspace
    /// id, the Terraform resource takes it from a variable it declares
    /// (`<name>_workspace_id`).
    pub fn render<'a>(
        self,
        definition: &'a str,
        name: &str,
        workspace_id: Option<&str>,
    ) -> Cow<'a, str> {
        Cow::Owned(match self {
            Form::Definition => return Cow::Borrowed(definition),
            Form::AwsCli => {
                let ws = workspace_id.unwrap_or(WORKSPACE_PLACEHOLDER);
                let data = base64::engine::general_purpose::STANDARD.encode(definition);
                let v = serde_json::json!({ "workspaceId": ws, "data": data });
                let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
                s.push('\n');
                s
            }
            Form::Terraform => terraform(definition, name, workspace_id),
            Form::CloudFormation => emit_document(&Node::map(vec![(
                "AlertManagerDefinition",
                Node::string(definition),
            )])),
        })
    }
}

/// A Terraform resource; without a workspace id, the variable it is read from too. A
/// generated file is never edited, so a placeholder would have no good way to be replaced.
fn terraform(definition: &str, name: &str, workspace_id: Option<&str>) -> String {
    let name = resource_name(name);
    let mut delimiter = "EOT".to_string();
    while definition.lines().any(|l| l.trim() == delimiter) {
        delimiter.push('_');
    }
    let body = definition.replace("${", "$${").replace("%{", "%%{");
    let body = if body.ends_with('\n') {
        body
    } else {
        format!("{body}\n")
    };
    let (variable, ws) = match workspace_id {
        Some(id) => (String::new(), serde_json::to_string(id).unwrap_or_default()),
        None => (
            format!(
                "variable \"{name}_workspace_id\" {{\n  description = \"ID of the AMP workspace this alert manager definition is for\"\n  type        = string\n}}\n\n"
            ),
            format!("var.{name}_workspace_id"),
        ),
    };
    format!(
        "{variable}resource \"aws_prometheus_alert_manager_definition\" \"{name}\" {{\n  workspace_id = {ws}\n  definition   = <<{delimiter}\n{body}{delimiter}\n}}\n",
    )
}

/// A Terraform identifier from a file name: letters, digits, `_` and `-`, not starting with a
/// digit.
pub fn resource_name(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        s.insert(0, '_');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_aws_cli_file_is_reviewed_with_its_data_decoded() {
        let def = "alertmanager_config: |\n  route: {}\n";
        let file = Form::AwsCli.render(def, "x", Some("ws-1"));
        assert_eq!(
            Form::AwsCli.reviewable(&file),
            "workspaceId: ws-1\ndata, decoded:\nalertmanager_config: |\n  route: {}\n"
        );
        for (form, text) in [
            (
                Form::AwsCli,
                "{\"data\": \"not base64!\", \"workspaceId\": \"w\"}",
            ),
            (Form::AwsCli, "not json"),
            (Form::Terraform, file.as_ref()),
        ] {
            assert!(matches!(form.reviewable(text), Cow::Borrowed(t) if t == text));
        }
    }

    #[test]
    fn each_form_knows_its_own_files_only() {
        let forms = [
            Form::Definition,
            Form::AwsCli,
            Form::Terraform,
            Form::CloudFormation,
        ];
        let definition = "alertmanager_config: |\n  route:\n    receiver: x\n";
        for form in forms {
            let text = form.render(definition, "team", None);
            // A file is judged by the form its extension says (a Terraform heredoc holds the
            // definition's own lines).
            for other in forms.iter().filter(|f| f.extension() == form.extension()) {
                assert_eq!(
                    other.holds_definition(&text),
                    *other == form,
                    "{other:?} on {form:?}"
                );
            }
        }
        for not_one in [
            "route:\n  receiver: x\n",
            "# alertmanager_config: |\n",
            "alertmanager_configs: []\n",
            "{\"workspaceId\": \"ws\"}",
            "resource \"aws_prometheus_workspace\" \"w\" {}\n",
            "",
        ] {
            assert!(
                forms.iter().all(|f| !f.holds_definition(not_one)),
                "{not_one}"
            );
        }
    }

    #[test]
    fn terraform_escapes_interpolation() {
        let t = Form::Terraform.render("a: ${x} %{y}\nEOT\n", "team.a", None);
        assert!(t.contains("\"team_a\""));
        assert!(t.contains("a: $${x} %%{y}\nEOT\nEOT_\n"));
        assert!(t.starts_with("variable \"team_a_workspace_id\" {\n"), "{t}");
        assert!(
            t.contains("\n  workspace_id = var.team_a_workspace_id\n"),
            "{t}"
        );
        let given = Form::Terraform.render("a: 1\n", "team.a", Some("ws-\"1\""));
        assert!(given.starts_with("resource "), "{given}");
        assert!(
            given.contains("\n  workspace_id = \"ws-\\\"1\\\"\"\n"),
            "{given}"
        );
        assert_eq!(resource_name("1x"), "_1x");
    }
}
