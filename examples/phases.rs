//! Per-stage timings of one input, for profiling (`perf record` around it, or alone):
//! `cargo run --release --example phases -- FILE [ROUNDS]`. Prints the mean time of loading,
//! checking (load, decode, validate, lint), what translating adds to that, self-checking and
//! writing the definition, and converting (everything, with a topic pattern and an external
//! URL set), and the definition's size. `ONLY=convert` times converting only; `ONLY=emit` runs
//! the other stages once and times writing the receivers' YAML text only.

use std::path::Path;
use std::time::{Duration, Instant};

use am2amp::amp;
use am2amp::check::{self, CheckOptions};
use am2amp::convert::{ConvertOptions, convert_input};
use am2amp::yaml::emit;

/// The binary's allocator, so that the stages cost what they cost in `am2amp`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn mean(rounds: u32, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..rounds {
        f();
    }
    start.elapsed() / rounds
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: phases FILE [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: u32 = args.next().and_then(|s| s.parse().ok()).unwrap_or(100);
    let only = std::env::var("ONLY").unwrap_or_default();
    let (rounds, emit_rounds) = if only == "emit" {
        (1, rounds)
    } else {
        (rounds, rounds)
    };
    let bytes = std::fs::read(&path).expect("readable input");
    let at = Some(Path::new(&path));
    let mut opts = ConvertOptions::default();
    opts.translate.topics.template = Some("arn:aws:sns:eu-west-1:123456789012:{receiver}".into());
    opts.translate.external_url = Some("http://alertmanager.example.com".into());
    if only != "convert" {
        let load = mean(rounds, || {
            am2amp::load::load_bytes(&path, &bytes[..], &Default::default());
        });
        println!("load     {load:?}");
        let analyse = mean(rounds, || {
            check::analyse(&path, at, &bytes[..], &CheckOptions::default());
        });
        println!("analyse  {analyse:?}");
        let translated = mean(rounds, || {
            let mut checked = check::analyse(&path, at, &bytes[..], &CheckOptions::default());
            check::translate_checked(&mut checked, at, &opts.translate, &mut |_| {});
        });
        println!("  + translate {:?}", translated.saturating_sub(analyse));
        let mut checked = check::analyse(&path, at, &bytes[..], &CheckOptions::default());
        let mut receivers = Vec::new();
        let sink = &mut |r| receivers.push(r);
        if let Some(t) = check::translate_checked(&mut checked, at, &opts.translate, sink) {
            let at = am2amp::source::Span::default();
            let emit = mean(rounds, || {
                let mut list = amp::definition::Receivers::new(at);
                receivers.iter().for_each(|r| list.push(r.clone()));
                let (pieces, _) = list.finish();
                amp::definition::emit(&t.config, pieces, &t.template_files);
            });
            println!("  check+emit {emit:?} (receivers cloned)");
            let text = mean(emit_rounds, || {
                let mut out = String::new();
                receivers.iter().for_each(|r| emit::push_item(&mut out, r));
                std::hint::black_box(out);
            });
            println!("    emit {text:?} (the receivers' text only)");
            if only == "emit" {
                return;
            }
        }
    }
    let mut size = 0;
    let convert = mean(rounds, || {
        size = convert_input(&path, at, &bytes[..], &opts)
            .output
            .map_or(0, |d| d.len());
    });
    println!("convert  {convert:?} ({size} bytes written)");
}
