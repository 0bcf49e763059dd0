//! Running the real Alertmanager in tests: a capture server that records every request (and
//! answers like SNS and PagerDuty would), Alertmanager processes on loopback, and posting
//! alerts. Every wait is bounded; processes are killed when their handle is dropped.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request as received.
#[derive(Debug, Clone)]
pub struct Captured {
    /// The URL as the client meant it (`http://host/path`, or `https://host/path` through the
    /// TLS proxy).
    pub url: String,
    /// Header names (lower case) and values.
    pub headers: BTreeMap<String, String>,
    /// The body.
    pub body: Vec<u8>,
}

/// A server on loopback that records requests.
pub struct CaptureServer {
    /// Its port.
    pub port: u16,
    requests: Arc<Mutex<Vec<Captured>>>,
}

impl CaptureServer {
    /// Starts the server on a free port. `tls` terminates CONNECT tunnels (a proxy in front of
    /// HTTPS endpoints such as PagerDuty's fixed v1 URL).
    pub fn start(tls: Option<Arc<rustls::ServerConfig>>) -> CaptureServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let shared = requests.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let shared = shared.clone();
                let tls = tls.clone();
                std::thread::spawn(move || serve(stream, port, &shared, tls));
            }
        });
        CaptureServer { port, requests }
    }

    /// Everything received so far.
    pub fn requests(&self) -> Vec<Captured> {
        self.requests.lock().unwrap().clone()
    }

    /// Waits at least `min`, then until no request has arrived for `quiet` (at most `limit`
    /// in all); returns the number received.
    pub fn settle(&self, min: Duration, quiet: Duration, limit: Duration) -> usize {
        let start = Instant::now();
        std::thread::sleep(min);
        let mut last = self.requests.lock().unwrap().len();
        let mut since = Instant::now();
        while start.elapsed() < limit {
            std::thread::sleep(Duration::from_millis(100));
            let n = self.requests.lock().unwrap().len();
            if n != last {
                last = n;
                since = Instant::now();
            } else if since.elapsed() >= quiet {
                break;
            }
        }
        last
    }
}

fn serve(
    stream: TcpStream,
    port: u16,
    shared: &Mutex<Vec<Captured>>,
    tls: Option<Arc<rustls::ServerConfig>>,
) {
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    loop {
        let Some((method, target, headers, body)) = read_request(&mut reader) else {
            return;
        };
        if method == "CONNECT" {
            let _ = writer.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
            let Some(cfg) = tls else { return };
            tunnel(reader, writer, &target, shared, cfg);
            return;
        }
        let url = format!("http://127.0.0.1:{port}{target}");
        let reply = reply_for(&target);
        shared.lock().unwrap().push(Captured { url, headers, body });
        if writer.write_all(reply.as_bytes()).is_err() {
            return;
        }
    }
}

/// Serves HTTPS requests inside a CONNECT tunnel to `authority` (`host:443`).
fn tunnel(
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    authority: &str,
    shared: &Mutex<Vec<Captured>>,
    cfg: Arc<rustls::ServerConfig>,
) {
    drop(reader);
    let conn = rustls::ServerConnection::new(cfg).unwrap();
    let tls = rustls::StreamOwned::new(conn, writer);
    let mut reader = BufReader::new(tls);
    let host = authority.trim_end_matches(":443");
    while let Some((_, target, headers, body)) = read_request(&mut reader) {
        let url = format!("https://{host}{target}");
        shared.lock().unwrap().push(Captured { url, headers, body });
        let reply = "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
        if reader.get_mut().write_all(reply.as_bytes()).is_err()
            || reader.get_mut().flush().is_err()
        {
            return;
        }
    }
}

fn reply_for(target: &str) -> String {
    let (ctype, body) = if target.contains("/sns") {
        (
            "text/xml",
            "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>00000000-0000-0000-0000-000000000000</MessageId></PublishResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000001</RequestId></ResponseMetadata></PublishResponse>",
        )
    } else {
        ("text/plain", "ok")
    };
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

type Request = (String, String, BTreeMap<String, String>, Vec<u8>);

fn read_request(r: &mut impl BufRead) -> Option<Request> {
    let mut line = String::new();
    if r.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = BTreeMap::new();
    loop {
        let mut h = String::new();
        if r.read_line(&mut h).ok()? == 0 {
            return None;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let len: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    r.read_exact(&mut body).ok()?;
    Some((method, target, headers, body))
}

/// A TLS server configuration with a throwaway self-signed certificate.
pub fn tls_config() -> Arc<rustls::ServerConfig> {
    let cert = rcgen::generate_simple_self_signed(vec!["events.pagerduty.com".into()]).unwrap();
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(cert.signing_key.serialize_der().into());
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut cfg = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert.cert.der().clone()], key)
        .unwrap();
    cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
    Arc::new(cfg)
}

/// A running Alertmanager; killed on drop.
pub struct Alertmanager {
    /// Its web port.
    pub port: u16,
    child: Child,
    /// Its log file.
    pub log: PathBuf,
}

impl Alertmanager {
    /// Starts `prometheus-alertmanager` on `config` and waits (at most 15 s) until it is ready.
    pub fn start(binary: &Path, config: &Path, dir: &Path) -> Alertmanager {
        let port = free_port();
        let log = dir.join("alertmanager.log");
        let child = Command::new(binary)
            .arg(format!("--config.file={}", config.display()))
            .arg(format!("--storage.path={}", dir.join("data").display()))
            .arg(format!("--web.listen-address=127.0.0.1:{port}"))
            .arg("--cluster.listen-address=")
            .arg("--web.external-url=http://am.example:9093")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let am = Alertmanager { port, child, log };
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            if http(port, "GET", "/-/ready", "").is_some_and(|(s, _)| s == 200) {
                return am;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "Alertmanager did not start:\n{}",
            std::fs::read_to_string(&am.log).unwrap_or_default()
        );
    }

    /// Posts alerts (a JSON array) to `/api/v2/alerts`.
    pub fn post_alerts(&self, alerts: &str) {
        let (status, body) =
            http(self.port, "POST", "/api/v2/alerts", alerts).expect("post alerts");
        assert_eq!(status, 200, "posting alerts: {body}");
    }
}

impl Drop for Alertmanager {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A minimal HTTP/1.1 client: (status, body).
pub fn http(port: u16, method: &str, path: &str, body: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    let status = out.split_whitespace().nth(1)?.parse().ok()?;
    let body = out
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Some((status, body))
}

/// Decodes `application/x-www-form-urlencoded` into name → value.
pub fn form(body: &[u8]) -> BTreeMap<String, String> {
    let text = String::from_utf8_lossy(body);
    text.split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (unescape(k), unescape(v)))
        .collect()
}

fn unescape(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(b'?'));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
