//! Finding every Go template in a config: fields of type [`Tmpl`], and the string leaves of
//! free-form values (PagerDuty `details`, webhook `payload`, Jira `fields`).

use super::decode::{Map, Opaque, OptBool, ZeroIfNull};
use super::http::TlsVersion;
use super::route::RegexValue;
use super::{GoDuration, PromDuration, Secret, SecretUrl, Sp, Tmpl, Url};
use crate::yaml::{Kind, Node, Scalar};

/// A templated scalar and the YAML key it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct FieldTemplate<'a> {
    /// The key (`title`, `description`, …).
    pub field: &'static str,
    /// The template text with its position in the file.
    pub scalar: &'a Scalar,
}

/// Values that may hold templates.
pub trait Templates {
    /// Appends the templates in this value, which sits under key `field`.
    fn templates<'a>(&'a self, field: &'static str, out: &mut Vec<FieldTemplate<'a>>);
}

macro_rules! none {
    ($($t:ty),*) => {$(
        impl Templates for $t {
            fn templates<'a>(&'a self, _: &'static str, _: &mut Vec<FieldTemplate<'a>>) {}
        }
    )*};
}

none!(
    String,
    bool,
    u64,
    i64,
    i32,
    f64,
    Secret,
    Url,
    SecretUrl,
    PromDuration,
    GoDuration,
    OptBool,
    RegexValue,
    TlsVersion
);

impl Templates for Tmpl {
    fn templates<'a>(&'a self, field: &'static str, out: &mut Vec<FieldTemplate<'a>>) {
        out.push(FieldTemplate {
            field,
            scalar: &self.0,
        });
    }
}

fn leaves<'a>(node: &'a Node, field: &'static str, out: &mut Vec<FieldTemplate<'a>>) {
    match &node.kind {
        Kind::Scalar(s) => out.push(FieldTemplate { field, scalar: s }),
        Kind::Seq(items) => items.iter().for_each(|n| leaves(n, field, out)),
        Kind::Map(entries) => entries.iter().for_each(|e| leaves(&e.value, field, out)),
        Kind::Null => {}
    }
}

impl Templates for Opaque {
    fn templates<'a>(&'a self, field: &'static str, out: &mut Vec<FieldTemplate<'a>>) {
        leaves(&self.0, field, out);
    }
}

impl<T: Templates> Templates for Box<T> {
    fn templates<'a>(&'a self, field: &'static str, out: &mut Vec<FieldTemplate<'a>>) {
        (**self).templates(field, out);
    }
}

impl<T: Templates> Templates for Vec<Sp<T>> {
    fn templates<'a>(&'a self, field: &'static str, out: &mut Vec<FieldTemplate<'a>>) {
        for item in self {
            item.value.templates(field, out);
        }
    }
}

impl<T: Templates> Templates for ZeroIfNull<T> {
    fn templates<'a>(&'a self, field: &'static str, out: &mut Vec<FieldTemplate<'a>>) {
        self.value.templates(field, out);
    }
}

impl<T: Templates> Templates for Map<T> {
    fn templates<'a>(&'a self, field: &'static str, out: &mut Vec<FieldTemplate<'a>>) {
        for (_, v) in self {
            v.value.templates(field, out);
        }
    }
}
