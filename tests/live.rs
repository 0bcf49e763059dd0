//! End-to-end equivalence with the real Alertmanager 0.25 (Debian's `prometheus-alertmanager`).
//!
//! For each scenario, two Alertmanagers run on loopback: (a) the original config, its
//! PagerDuty, Slack, webhook and SNS integrations pointed at a capture server (PagerDuty v1,
//! whose URL is fixed, through the capture server as an HTTPS proxy); (b) the converted config,
//! each `sns_configs` entry pointed at the capture server as a fake SNS endpoint (a test-only
//! patch: AMP itself rejects `api_url`). The same alerts go to both — firing, then partly
//! resolved, then resolved — and every SNS message (b) published is decoded with
//! `am2amp decode`'s library and compared with what (a) sent: URL, body and authorization,
//! byte for byte. The only difference allowed is the documented one: receivers used by more
//! than one route carry no route key, so their PagerDuty dedup keys and webhook group keys
//! differ (docs/contract.md).

mod common;
#[path = "common/live.rs"]
mod live;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use am2amp::check::{CheckOptions, analyse};
use am2amp::relay::{self, Secrets};
use am2amp::source::SourceId;
use am2amp::translate::routes::RouteKeys;
use am2amp::yaml::{Entry, Kind, Limits, Node, emit_document, load};
use live::{Alertmanager, CaptureServer, Captured, form};
use serde_json::{Value, json};

const TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:{receiver}";
const EXTERNAL: &str = "http://am.example:9093";

/// A config to run on both sides, with the convert options it needs.
struct Scenario {
    name: String,
    config: PathBuf,
    args: Vec<String>,
}

fn scenarios() -> Vec<Scenario> {
    let mut out = Vec::new();
    let dir = common::root().join("samples/convert");
    let mut samples: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    samples.sort();
    for path in samples {
        let text = std::fs::read_to_string(&path).unwrap();
        let args: Vec<String> = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .find_map(|l| l.strip_prefix("# am2amp-args:"))
            .map(|a| a.split_whitespace().map(String::from).collect())
            .unwrap_or_default();
        // Native PagerDuty is AMP's own integration: OSS Alertmanager cannot run it; samples
        // that show conversion errors have nothing to run.
        let converts = Command::new(env!("CARGO_BIN_EXE_am2amp"))
            .current_dir(common::root())
            .arg("convert")
            .arg(&path)
            .args(["--topic-arn", TOPIC])
            .args(&args)
            .output()
            .unwrap()
            .status
            .success();
        if args.iter().any(|a| a == "native") || !converts {
            continue;
        }
        let args = args
            .into_iter()
            .scan(false, |skip, a| {
                let keep = !*skip && a != "--external-url";
                *skip = a == "--external-url";
                Some(keep.then_some(a))
            })
            .flatten()
            .collect();
        out.push(Scenario {
            name: path.file_stem().unwrap().to_string_lossy().into(),
            config: path,
            args,
        });
    }
    out.push(Scenario {
        name: "matrix".into(),
        config: common::root().join("tests/live/matrix.yml"),
        args: Vec::new(),
    });
    out
}

// ----------------------------------------------------------------------------- YAML patching

fn parse(text: &str) -> Node {
    load(text, SourceId(0), &Limits::default())
        .unwrap_or_else(|e| panic!("{}", e.message))
        .0
}

fn map_mut(n: &mut Node) -> &mut Vec<Entry> {
    if !matches!(n.kind, Kind::Map(_)) {
        n.kind = Kind::Map(Vec::new());
    }
    match &mut n.kind {
        Kind::Map(m) => m,
        _ => unreachable!(),
    }
}

fn set(n: &mut Node, key: &str, value: Node) {
    let m = map_mut(n);
    match m.iter_mut().find(|e| e.key.as_str() == Some(key)) {
        Some(e) => e.value = value,
        None => m.push(Entry {
            key: Node::string(key),
            value,
        }),
    }
}

fn remove(n: &mut Node, key: &str) {
    map_mut(n).retain(|e| e.key.as_str() != Some(key));
}

fn get_mut<'a>(n: &'a mut Node, key: &str) -> Option<&'a mut Node> {
    match &mut n.kind {
        Kind::Map(m) => m
            .iter_mut()
            .find(|e| e.key.as_str() == Some(key))
            .map(|e| &mut e.value),
        _ => None,
    }
}

fn items_mut(n: &mut Node) -> Vec<&mut Node> {
    match &mut n.kind {
        Kind::Seq(items) => items.iter_mut().collect(),
        _ => Vec::new(),
    }
}

/// Short timers on every route node, so notifications come within seconds.
fn fast_routes(route: &mut Node) {
    set(route, "group_wait", Node::string("1s"));
    set(route, "group_interval", Node::string("2s"));
    set(route, "repeat_interval", Node::string("1h"));
    if let Some(children) = get_mut(route, "routes") {
        for c in items_mut(children) {
            fast_routes(c);
        }
    }
}

fn sigv4() -> Node {
    Node::map(vec![
        ("region", Node::string("us-east-1")),
        ("access_key", Node::string("AKIDEXAMPLE")),
        ("secret_key", Node::string("secret")),
    ])
}

/// The original config with every integration pointed at the capture server.
fn patch_original(text: &str, base: &Path, port: u16) -> String {
    let mut root = parse(text);
    let url = |side: &str, kind: &str, r: usize, i: usize| {
        Node::string(format!("http://127.0.0.1:{port}/{side}/{kind}/{r}/{i}"))
    };
    if let Some(t) = get_mut(&mut root, "templates") {
        for g in items_mut(t) {
            let abs = base.join(g.as_str().unwrap()).display().to_string();
            *g = Node::string(abs);
        }
    }
    if let Some(r) = get_mut(&mut root, "route") {
        fast_routes(r);
    }
    if let Some(g) = get_mut(&mut root, "global") {
        remove(g, "slack_api_url");
        remove(g, "slack_api_url_file");
    }
    if let Some(receivers) = get_mut(&mut root, "receivers") {
        for (r, recv) in items_mut(receivers).into_iter().enumerate() {
            for kind in ["pagerduty", "slack", "webhook", "sns"] {
                let Some(list) = get_mut(recv, &format!("{kind}_configs")) else {
                    continue;
                };
                for (i, e) in items_mut(list).into_iter().enumerate() {
                    match kind {
                        "pagerduty" if get_mut(e, "service_key").is_some() => {
                            let proxy = format!("http://127.0.0.1:{port}");
                            let h = Node::map(vec![
                                ("proxy_url", Node::string(proxy)),
                                (
                                    "tls_config",
                                    Node::map(vec![("insecure_skip_verify", Node::typed("true"))]),
                                ),
                            ]);
                            set(e, "http_config", h);
                        }
                        "pagerduty" => {
                            set(e, "url", url("orig", kind, r, i));
                            remove(e, "http_config");
                        }
                        "slack" => {
                            set(e, "api_url", url("orig", kind, r, i));
                            remove(e, "api_url_file");
                        }
                        "webhook" => set(e, "url", url("orig", kind, r, i)),
                        _ => {
                            set(e, "api_url", url("orig", kind, r, i));
                            set(e, "sigv4", sigv4());
                            remove(e, "http_config");
                        }
                    }
                }
            }
        }
    }
    emit_document(&root)
}

/// The converted inner config with every SNS entry pointed at the capture server.
fn patch_converted(text: &str, port: u16) -> String {
    let mut root = parse(text);
    if let Some(receivers) = get_mut(&mut root, "receivers") {
        for (r, recv) in items_mut(receivers).into_iter().enumerate() {
            if let Some(list) = get_mut(recv, "sns_configs") {
                for (i, e) in items_mut(list).into_iter().enumerate() {
                    set(
                        e,
                        "api_url",
                        Node::string(format!("http://127.0.0.1:{port}/conv/sns/{r}/{i}")),
                    );
                    set(e, "sigv4", sigv4());
                }
            }
        }
    }
    emit_document(&root)
}

// ----------------------------------------------------------------------------- alerts

/// Label sets that reach every route node of a config.
fn route_labels(config: &Path) -> Vec<BTreeMap<String, String>> {
    let bytes = std::fs::read(config).unwrap();
    let checked = analyse("config", Some(config), bytes, &CheckOptions::default());
    checked
        .config
        .as_ref()
        .and_then(|c| c.route.as_deref())
        .map(common::route_label_sets)
        .unwrap_or_default()
}

/// Hostile text: everything the message contract must survive.
fn nasty() -> String {
    "colon: value, \"quotes\" and 'single', back\\slash \\n not-a-newline\nreal newline\ttab \u{7}bell \u{1b}esc \u{7f}del # hash\n---\n{{ .NotATemplate }} é ü 🙂 𝄞 \u{2028}ls \u{a0}nbsp".to_string()
}

/// The alerts of one step: three per route node; `resolved` of them already ended.
fn alerts(paths: &[BTreeMap<String, String>], resolved: usize, times: (&str, &str)) -> String {
    let mut out = Vec::new();
    for (p, labels) in paths.iter().enumerate() {
        for i in 0..3 {
            let mut l: BTreeMap<String, String> = labels.clone();
            l.entry("alertname".into())
                .or_insert_with(|| format!("Path{p}"));
            l.insert("instance".into(), format!("host-{i}:9100"));
            l.insert("job".into(), "node".into());
            l.insert("severity".into(), "critical".into());
            l.insert("weird".into(), nasty());
            l.insert("long".into(), "L".repeat(1100));
            l.insert("empty".into(), String::new());
            let mut annotations = json!({
                "summary": format!("{} #{i}", nasty()),
                "runbook": "https://runbooks.example/x?a=1&b=<2>",
                "empty": "",
            });
            if i == 0 {
                annotations["description"] = json!("D".repeat(40 * 1024));
            }
            if i == 0 && labels.get("kind").is_some_and(|k| k == "big") {
                annotations["huge"] = json!("<".repeat(100 * 1024));
            }
            let mut a = json!({
                "labels": l,
                "annotations": annotations,
                "startsAt": times.0,
                "generatorURL": "http://prom.example:9090/graph?g0.expr=up%3D%3D0",
            });
            if i < resolved {
                a["endsAt"] = json!(times.1);
            }
            out.push(a);
        }
    }
    serde_json::to_string(&out).unwrap()
}

// ----------------------------------------------------------------------------- comparison

/// A request reduced to what must match: URL, body, authorization.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Sent {
    url: String,
    authorization: Option<String>,
    body: String,
}

/// Receivers reached by several route nodes: their group keys fall back (documented).
fn fallback_receivers(config: &Path) -> BTreeSet<String> {
    let bytes = std::fs::read(config).unwrap();
    let checked = analyse("config", Some(config), bytes, &CheckOptions::default());
    let c = checked.config.unwrap();
    let keys = RouteKeys::new(c.route.as_deref());
    c.receivers
        .iter()
        .flat_map(|r| r.value.iter())
        .map(|r| r.value.name_str().to_string())
        .filter(|n| keys.all(n).len() > 1)
        .collect()
}

/// Replaces the group-key-derived values of a body (the documented difference).
fn without_group_key(body: &str) -> String {
    let mut v: Value = serde_json::from_str(body).unwrap();
    for k in ["dedup_key", "incident_key", "groupKey"] {
        if v.get(k).is_some() {
            v[k] = json!("<group key>");
        }
    }
    v.to_string()
}

fn run(s: &Scenario, alertmanager: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let server = CaptureServer::start(Some(live::tls_config()));
    let base = s.config.parent().unwrap();
    let original = dir.path().join("orig/alertmanager.yml");
    std::fs::create_dir_all(original.parent().unwrap()).unwrap();
    let text = std::fs::read_to_string(&s.config).unwrap();
    std::fs::write(&original, patch_original(&text, base, server.port)).unwrap();

    // Convert the patched original, as a user would.
    let manifest = dir.path().join("secrets.json");
    let out = Command::new(env!("CARGO_BIN_EXE_am2amp"))
        .args(["convert"])
        .arg(&original)
        .args([
            "--topic-arn",
            TOPIC,
            "--external-url",
            EXTERNAL,
            "--secrets-out",
        ])
        .arg(&manifest)
        .args(&s.args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}: convert failed:\n{}",
        s.name,
        String::from_utf8_lossy(&out.stderr)
    );
    #[derive(serde::Deserialize)]
    struct Definition {
        alertmanager_config: String,
        #[serde(default)]
        template_files: BTreeMap<String, String>,
    }
    let def: Definition = serde_saphyr::from_str(&String::from_utf8(out.stdout).unwrap()).unwrap();
    let conv_dir = dir.path().join("conv");
    std::fs::create_dir_all(&conv_dir).unwrap();
    for (name, t) in &def.template_files {
        std::fs::write(conv_dir.join(name), t).unwrap();
    }
    let converted = conv_dir.join("alertmanager.yml");
    std::fs::write(
        &converted,
        patch_converted(&def.alertmanager_config, server.port),
    )
    .unwrap();
    let secrets: am2amp::translate::secrets::Manifest =
        serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();

    let a = Alertmanager::start(alertmanager, &original, dir.path().join("orig").as_path());
    let b = Alertmanager::start(alertmanager, &converted, &conv_dir);

    let paths = route_labels(&original);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let fmt = |secs: u64| {
        let out = Command::new("date")
            .args([
                "-u",
                "-d",
                &format!("@{secs}"),
                "+%Y-%m-%dT%H:%M:%S.123456789Z",
            ])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    // Alerts start now (Alertmanager flushes at once for alerts older than group_wait, which
    // would race with the rest of the post) and the resolved ones end 2 s later, in the past
    // by the time they are posted.
    let times = (fmt(now), fmt(now + 2));
    let times = (times.0.as_str(), times.1.as_str());
    for resolved in [0, 1, 3] {
        let body = alerts(&paths, resolved, times);
        a.post_alerts(&body);
        b.post_alerts(&body);
        server.settle(
            Duration::from_secs(5),
            Duration::from_secs(3),
            Duration::from_secs(60),
        );
    }
    drop(a);
    drop(b);

    let fallback = fallback_receivers(&original);
    let mut expected: Vec<(Sent, bool)> = Vec::new();
    let mut got: Vec<(Sent, bool)> = Vec::new();
    let mut plain_sns = (Vec::new(), Vec::new());
    for c in server.requests() {
        let conv = c.url.contains("/conv/");
        if c.url.contains("/sns/") {
            let f = form(&c.body);
            let attrs: BTreeMap<String, String> = (1..)
                .map_while(|n| {
                    let name = f.get(&format!("MessageAttributes.entry.{n}.Name"))?;
                    let value = f.get(&format!("MessageAttributes.entry.{n}.Value.StringValue"))?;
                    Some((name.clone(), value.clone()))
                })
                .collect();
            if conv && attrs.contains_key("am2amp_contract") {
                let message = f.get("Message").cloned().unwrap_or_default();
                let req = relay::decode(&message, &Secrets::new(Some(&secrets.secrets)))
                    .unwrap_or_else(|e| panic!("{}: decode: {e}\n{message}", s.name));
                let receiver = attrs.get("am2amp_receiver").cloned().unwrap_or_default();
                got.push((
                    Sent {
                        url: req.url,
                        authorization: req.headers.get("Authorization").cloned(),
                        body: req.body,
                    },
                    fallback.contains(&receiver),
                ));
            } else {
                let key = (
                    f.get("TopicArn").cloned(),
                    f.get("Subject").cloned(),
                    f.get("Message").cloned(),
                    attrs,
                );
                if conv {
                    &mut plain_sns.1
                } else {
                    &mut plain_sns.0
                }
                .push(key);
            }
            continue;
        }
        assert!(
            !conv,
            "{}: the converted side sent a non-SNS request to {}",
            s.name, c.url
        );
        expected.push((sent(&c), false));
    }
    // Which expected requests belong to fallback receivers: match them by body without keys.
    let fallback_bodies: BTreeSet<String> = got
        .iter()
        .filter(|(_, f)| *f)
        .map(|(g, _)| without_group_key(&g.body))
        .collect();
    for (e, f) in &mut expected {
        *f = fallback_bodies.contains(&without_group_key(&e.body));
    }
    let norm = |v: &mut Vec<(Sent, bool)>| {
        let mut out: Vec<Sent> = v
            .drain(..)
            .map(|(mut s, f)| {
                if f {
                    s.body = without_group_key(&s.body);
                }
                s
            })
            .collect();
        out.sort();
        out
    };
    let (expected, got) = (norm(&mut expected), norm(&mut got));
    plain_sns.0.sort();
    plain_sns.1.sort();
    eprintln!(
        "{}: {} requests equal, {} SNS publishes equal",
        s.name,
        expected.len(),
        plain_sns.0.len()
    );
    assert!(
        !expected.is_empty() || !plain_sns.0.is_empty(),
        "{}: the original sent nothing",
        s.name
    );
    compare(&s.name, &expected, &got);
    assert_eq!(
        plain_sns.0, plain_sns.1,
        "{}: kept SNS integrations differ",
        s.name
    );
}

fn sent(c: &Captured) -> Sent {
    Sent {
        url: c.url.clone(),
        authorization: c.headers.get("authorization").cloned(),
        body: String::from_utf8(c.body.clone()).unwrap(),
    }
}

fn compare(name: &str, expected: &[Sent], got: &[Sent]) {
    if expected == got {
        return;
    }
    let missing: Vec<&Sent> = expected.iter().filter(|e| !got.contains(e)).collect();
    let extra: Vec<&Sent> = got.iter().filter(|g| !expected.contains(g)).collect();
    let mut msg = format!(
        "{name}: {} requests from Alertmanager, {} decoded from SNS\n",
        expected.len(),
        got.len()
    );
    let brief = |s: &Sent| {
        let v: Value = serde_json::from_str(&s.body).unwrap_or(Value::Null);
        let what = ["event_action", "event_type", "status"]
            .iter()
            .find_map(|k| v.get(*k).and_then(Value::as_str))
            .unwrap_or("");
        let title = v["payload"]["summary"]
            .as_str()
            .or(v["description"].as_str())
            .or(v["attachments"][0]["title"].as_str())
            .unwrap_or("");
        let n = v["alerts"].as_array().map_or(0, Vec::len);
        format!(
            "{} {what} alerts={n} {}",
            s.url,
            title.chars().take(40).collect::<String>()
        )
    };
    for e in expected {
        msg.push_str(&format!("  sent:    {}\n", brief(e)));
    }
    for g in got {
        msg.push_str(&format!("  decoded: {}\n", brief(g)));
    }
    for m in missing.iter().take(3) {
        msg.push_str(&format!(
            "\nsent by Alertmanager, not decoded:\n  {}\n  {:?}\n  {}\n",
            m.url,
            m.authorization,
            shorten(&m.body)
        ));
        if let Some(close) = extra.iter().find(|x| x.url == m.url) {
            msg.push_str(&format!(
                "closest decoded:\n  {:?}\n  {}\n",
                close.authorization,
                shorten(&close.body)
            ));
            let at = m
                .body
                .bytes()
                .zip(close.body.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            msg.push_str(&format!(
                "first difference at byte {at}: {:?} vs {:?}\n",
                &m.body[at.saturating_sub(40)..(at + 40).min(m.body.len())],
                &close.body[at.saturating_sub(40)..(at + 40).min(close.body.len())]
            ));
        }
    }
    for x in extra.iter().take(3) {
        msg.push_str(&format!(
            "\ndecoded, not sent by Alertmanager:\n  {}\n  {}\n",
            x.url,
            shorten(&x.body)
        ));
    }
    panic!("{msg}");
}

fn shorten(s: &str) -> String {
    if s.len() > 600 {
        let mut cut = 600;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}… ({} bytes)", &s[..cut], s.len())
    } else {
        s.to_string()
    }
}

#[test]
fn converted_configs_send_what_alertmanager_sent() {
    let Some(alertmanager) = common::oracle("prometheus-alertmanager") else {
        return;
    };
    let all = scenarios();
    assert!(all.len() >= 10, "only {} scenarios", all.len());
    let failures: Vec<String> = std::thread::scope(|scope| {
        let chunks: Vec<&[Scenario]> = all.chunks(all.len().div_ceil(3)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let am = alertmanager.clone();
                scope.spawn(move || {
                    let mut failed = Vec::new();
                    for s in chunk {
                        let r =
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(s, &am)));
                        if let Err(e) = r {
                            let msg = e
                                .downcast_ref::<String>()
                                .cloned()
                                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                                .unwrap_or_default();
                            failed.push(msg);
                        }
                    }
                    failed
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
