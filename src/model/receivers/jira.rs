//! `jira_configs` (0.28).

use crate::model::decode::{Cx, Decode, model};
use crate::model::http::HttpConfig;
use crate::model::{Map, Opaque, OptBool, PromDuration, Sp, Tmpl, Url};
use crate::yaml::{Kind, Node};

model! {
    /// A `jira_configs` entry.
    pub struct Jira ("jira_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: Box<HttpConfig> = "http_config",
        api_url: Url = "api_url",
        api_type: String = "api_type" @ "0.29",
        project: String = "project",
        summary: JiraField = "summary",
        description: JiraField = "description",
        labels: JiraLabels = "labels",
        priority: Tmpl = "priority",
        issue_type: String = "issue_type",
        reopen_transition: String = "reopen_transition",
        resolve_transition: String = "resolve_transition",
        wont_fix_resolution: String = "wont_fix_resolution",
        reopen_duration: PromDuration = "reopen_duration",
        fields: Map<Opaque> = "fields",
    }
}

model! {
    /// The object form of a Jira `summary`/`description` (0.30).
    pub struct JiraFieldObject ("Jira field") {
        template: Tmpl = "template",
        enable_update: OptBool = "enable_update",
    }
}

model! {
    /// The object form of Jira `labels`.
    pub struct JiraLabelsObject ("Jira labels") {
        values: Vec<Sp<String>> = "values",
        enable_update: OptBool = "enable_update",
    }
}

/// A Jira `summary` or `description`: a template string, or `{template, enable_update}`.
#[derive(Debug, Clone)]
pub enum JiraField {
    /// The string form.
    Template(Tmpl),
    /// The object form.
    Object(JiraFieldObject),
}

impl Decode for JiraField {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match &node.kind {
            Kind::Map(_) => JiraFieldObject::decode(node, cx).map(JiraField::Object),
            _ => Tmpl::decode(node, cx).map(JiraField::Template),
        }
    }
}

/// Jira `labels`: a list, or `{values, enable_update}`.
#[derive(Debug, Clone)]
pub enum JiraLabels {
    /// The list form.
    List(Vec<Sp<String>>),
    /// The object form.
    Object(JiraLabelsObject),
}

impl Decode for JiraLabels {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match &node.kind {
            Kind::Map(_) => JiraLabelsObject::decode(node, cx).map(JiraLabels::Object),
            _ => Vec::<Sp<String>>::decode(node, cx).map(JiraLabels::List),
        }
    }
}

impl crate::model::templates::Templates for JiraField {
    fn templates<'a>(
        &'a self,
        field: &'static str,
        out: &mut Vec<crate::model::templates::FieldTemplate<'a>>,
    ) {
        match self {
            JiraField::Template(t) => t.templates(field, out),
            JiraField::Object(o) => o.templates(field, out),
        }
    }
}

impl crate::model::templates::Templates for JiraLabels {
    fn templates<'a>(
        &'a self,
        _: &'static str,
        _: &mut Vec<crate::model::templates::FieldTemplate<'a>>,
    ) {
    }
}
