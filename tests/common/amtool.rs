//! Rendering templates with Alertmanager 0.25's engine (`amtool template render`) against
//! hostile template data.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::json;

/// Where Debian keeps Alertmanager's default templates.
pub const DEFAULT_GLOB: &str = "/usr/share/prometheus/alertmanager/*.tmpl";

/// `amtool template render`, batched.
pub struct Oracle {
    /// The amtool binary.
    pub amtool: PathBuf,
    /// Scratch space.
    pub dir: tempfile::TempDir,
}

impl Oracle {
    /// Renders every text against `data`; texts may call templates from `extra` files.
    pub fn render(
        &self,
        texts: &[String],
        data: &Path,
        extra: &[&Path],
    ) -> Vec<Result<String, String>> {
        // One amtool run for the whole batch; on any failure, one run per text.
        let sep = "\u{1e}AM2AMP-SEP\u{1e}";
        let mut batch = String::new();
        for (i, t) in texts.iter().enumerate() {
            batch.push_str(&format!(
                "{{{{ define \"am2amp.case.{i}\" }}}}{t}{{{{ end }}}}\n"
            ));
        }
        let call: Vec<String> = (0..texts.len())
            .map(|i| format!("{{{{ template \"am2amp.case.{i}\" . }}}}"))
            .collect();
        let file = self.dir.path().join("batch.tmpl");
        std::fs::write(&file, &batch).unwrap();
        let mut globs = vec![file.as_path()];
        globs.extend_from_slice(extra);
        if let Ok(out) = self.run(&call.join(sep), data, &globs) {
            let parts: Vec<String> = out.split(sep).map(String::from).collect();
            if parts.len() == texts.len() {
                return parts.into_iter().map(Ok).collect();
            }
        }
        texts.iter().map(|t| self.run(t, data, extra)).collect()
    }

    pub fn run(&self, text: &str, data: &Path, globs: &[&Path]) -> Result<String, String> {
        let text_file = self.dir.path().join("text.tmpl");
        // Very long texts go through a file to stay under the argument size limit.
        let (arg, mut extra) = if text.len() > 60_000 {
            std::fs::write(
                &text_file,
                format!("{{{{ define \"am2amp.text\" }}}}{text}{{{{ end }}}}"),
            )
            .unwrap();
            (
                "{{ template \"am2amp.text\" . }}".to_string(),
                vec![text_file.clone()],
            )
        } else {
            (text.to_string(), vec![])
        };
        let mut cmd = Command::new(&self.amtool);
        cmd.arg("template")
            .arg("render")
            .arg(format!("--template.glob={DEFAULT_GLOB}"));
        for g in globs.iter().map(|p| p.to_path_buf()).chain(extra.drain(..)) {
            cmd.arg(format!("--template.glob={}", g.display()));
        }
        cmd.arg(format!("--template.data={}", data.display()))
            .arg(format!("--template.text={arg}"));
        let out = cmd.output().expect("run amtool");
        if out.status.success() {
            Ok(String::from_utf8(out.stdout).expect("utf-8 output"))
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    }
}

pub fn alert(
    status: &str,
    labels: serde_json::Value,
    annotations: serde_json::Value,
    ends: &str,
) -> serde_json::Value {
    json!({
        "status": status, "labels": labels, "annotations": annotations,
        "startsAt": "2024-01-01T00:00:00.123456789Z", "endsAt": ends,
        "generatorURL": "http://prom:9090/graph?g0.expr=up%3D%3D0&x=\"q\"", "fingerprint": "4a86da8fb675dad2"
    })
}

/// Template data sets with hostile values.
pub fn data_sets(dir: &Path) -> Vec<PathBuf> {
    let nasty = "colon: value, \"quotes\" and 'single', back\\slash \\n not-a-newline\nreal newline\ttab \u{7}bell \u{7f}del # hash\n---\n{{ .NotATemplate }} é ü 🙂 𝄞 \u{2028}ls \u{a0}nbsp \u{0}nul";
    let big = "x".repeat(40 * 1024) + "\"end\"";
    let firing = alert(
        "firing",
        json!({"alertname": "HighLatency", "severity": "critical", "instance": "a:1", "job": "api", "weird": nasty, "empty": ""}),
        json!({"summary": nasty, "description": "multi\nline", "runbook_url": "https://rb.example/x?a=1&b=<2>"}),
        "0001-01-01T00:00:00Z",
    );
    let firing2 = alert(
        "firing",
        json!({"alertname": "HighLatency", "severity": "critical", "instance": "b:1", "job": "api", "weird": nasty, "empty": ""}),
        json!({"summary": nasty, "description": big}),
        "0001-01-01T00:00:00Z",
    );
    let resolved = alert(
        "resolved",
        json!({"alertname": "HighLatency", "severity": "critical", "instance": "c:1", "job": "api", "weird": nasty, "empty": ""}),
        json!({"summary": nasty}),
        "2024-01-01T01:00:00Z",
    );
    let common = json!({"alertname": "HighLatency", "severity": "critical", "job": "api", "weird": nasty, "empty": ""});
    let sets = [
        json!({"receiver": "team.x\\y", "status": "firing", "alerts": [firing, firing2],
               "groupLabels": {"alertname": "HighLatency", "weird": nasty}, "commonLabels": common,
               "commonAnnotations": {"summary": nasty}, "externalURL": "http://am.example:9093/sub path"}),
        json!({"receiver": "r", "status": "firing", "alerts": [firing, resolved.clone()],
               "groupLabels": {"alertname": "HighLatency"}, "commonLabels": common,
               "commonAnnotations": {"summary": nasty}, "externalURL": "http://am.example:9093"}),
        json!({"receiver": "r", "status": "resolved", "alerts": [resolved],
               "groupLabels": {}, "commonLabels": common, "commonAnnotations": {},
               "externalURL": ""}),
    ];
    let mut paths = Vec::new();
    for (i, s) in sets.iter().enumerate() {
        let p = dir.join(format!("data{i}.json"));
        std::fs::write(&p, serde_json::to_string(s).unwrap()).unwrap();
        paths.push(p);
    }
    paths.push(super::shared().join("testdata/captures-0.25.0/template-data.json"));
    paths
}
