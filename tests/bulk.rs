//! Real migrations: converting directories in parallel, `--dry-run`, `--check`, the `--emit`
//! forms, `am2amp.toml`, SARIF, completions and the man page.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{am2amp, text, with_stdin};

use base64::Engine;

const TOPIC: &str = "arn:aws:sns:eu-west-1:123456789012:{receiver}";

/// A tree of configs: every convert sample (with its templates) under two team folders.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let samples = common::root().join("samples/convert");
    for team in ["team-a", "team-b/nested"] {
        let to = dir.path().join("configs").join(team);
        copy_dir(&samples, &to);
    }
    dir
}

/// Converts [`tree`]'s configs into `amp/`.
const CONVERT_TREE: [&str; 7] = [
    "convert",
    "configs",
    "-o",
    "amp",
    "--topic-arn",
    TOPIC,
    "--drop-unsupported",
];

/// [`tree`] without the samples that fail (their secrets are in files), so that `--check`
/// can pass on it.
fn clean_tree() -> tempfile::TempDir {
    let t = tree();
    for team in ["team-a", "team-b/nested"] {
        std::fs::remove_file(t.path().join("configs").join(team).join("secret-files.yml")).unwrap();
    }
    t
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn an_input_named_twice_is_converted_once_and_stdin_is_read_once() {
    let t = tree();
    let o = am2amp(
        t.path(),
        &[
            "convert",
            "configs",
            "configs/team-a/slack.yml",
            "./configs/team-b",
            "-o",
            "amp",
            "--topic-arn",
            TOPIC,
            "--drop-unsupported",
        ],
    );
    // Where it was first found decides its output.
    let n = samples_count();
    assert_eq!(files(&t.path().join("amp")).len(), 2 * (n - 1));
    let err = text(&o.stderr);
    assert!(
        err.contains(&format!("converted {}, ", 2 * (n - 1))),
        "{err}"
    );
    assert_eq!(err.matches("-> amp/team-a/slack.yml\n").count(), 1, "{err}");

    let mut check = Command::new(env!("CARGO_BIN_EXE_am2amp"));
    check
        .current_dir(t.path())
        .args(["check", "-", "-", "--message-format", "concise"]);
    let config = std::fs::read(t.path().join("configs/team-a/slack.yml")).unwrap();
    let o = with_stdin(check, &config);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("standard input can be read once"));
    // The one reading is checked, not a second, empty one.
    assert!(!text(&o.stdout).contains("no-route"), "{}", text(&o.stdout));
}

#[test]
fn a_missing_input_fails_without_changing_what_the_others_do() {
    let t = tree();
    let slack = "configs/team-a/slack.yml";
    std::fs::create_dir(t.path().join("empty")).unwrap();
    let args = [
        "convert",
        slack,
        "gone.yml",
        "empty",
        "-o",
        "amp",
        "--topic-arn",
        TOPIC,
    ];
    let o = am2amp(t.path(), &args);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains("error: gone.yml: "), "{err}");
    // A directory without configs is an error, but not an input that failed.
    assert!(err.contains("error: empty: no *.yml"), "{err}");
    assert!(
        err.ends_with("converted 1, with warnings 0, failed 1\n"),
        "{err}"
    );
    // Two inputs were asked for, so `-o` names a directory, as it will once `gone.yml` exists.
    assert!(t.path().join("amp/slack.yml").is_file(), "{err}");

    let check = [
        "check",
        slack,
        "gone.yml",
        "empty",
        "--message-format",
        "concise",
    ];
    let o = am2amp(t.path(), &check);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.ends_with(
            "1 file checked: 1 ok, 0 with errors, 0 with warnings; 1 input could not be read\n"
        ),
        "{err}"
    );
}

fn samples_count() -> usize {
    std::fs::read_dir(common::root().join("samples/convert"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "yml")
        })
        .count()
}

#[test]
fn directories_convert_in_parallel_into_a_mirrored_tree() {
    let t = tree();
    let run = |threads: &str, out: &str| {
        Command::new(env!("CARGO_BIN_EXE_am2amp"))
            .current_dir(t.path())
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "convert",
                "configs",
                "-o",
                out,
                "--topic-arn",
                TOPIC,
                "--drop-unsupported",
            ])
            .output()
            .unwrap()
    };
    let one = run("1", "out1");
    let many = run("8", "out8");
    // The secret-files sample fails in both teams → exit 1; every other input is written.
    assert_eq!(one.status.code(), Some(1), "{}", text(&one.stderr));
    let n = samples_count();
    let written = files(&t.path().join("out1"));
    assert_eq!(written.len(), 2 * (n - 1), "{written:?}");
    assert!(written.contains(&PathBuf::from("team-b/nested/slack.yml")));
    let summary = text(&one.stderr).lines().last().unwrap().to_string();
    let head = format!("converted {}, with warnings ", 2 * (n - 1));
    assert!(summary.starts_with(&head), "{summary}");
    assert!(summary.ends_with(", failed 2"), "{summary}");
    assert!(text(&one.stderr).contains("failed configs/team-a/secret-files.yml: 2 error(s)"));
    // Same bytes whatever the scheduling.
    assert_eq!(
        text(&one.stderr).replace("out1", "OUT"),
        text(&many.stderr).replace("out8", "OUT")
    );
    for f in &written {
        let a = std::fs::read(t.path().join("out1").join(f)).unwrap();
        let b = std::fs::read(t.path().join("out8").join(f)).unwrap();
        assert_eq!(a, b, "{}", f.display());
    }
}

#[test]
fn outputs_inside_inputs_are_not_read_back_and_inputs_are_never_overwritten() {
    let t = tree();
    let args = [
        "convert",
        "configs",
        "-o",
        "configs/amp",
        "--topic-arn",
        TOPIC,
        "--drop-unsupported",
    ];
    let first = am2amp(t.path(), &args);
    let second = am2amp(t.path(), &args);
    assert_eq!(
        text(&first.stderr).lines().last(),
        text(&second.stderr).lines().last()
    );
    let input = "configs/team-a/slack.yml";
    let before = std::fs::read(t.path().join(input)).unwrap();
    let over = am2amp(
        t.path(),
        &["convert", input, "-o", input, "--topic-arn", TOPIC],
    );
    assert_eq!(over.status.code(), Some(2));
    assert!(text(&over.stderr).contains("refusing to write over an input"));
    // The same file reached through an output directory spelled another way.
    let into_dir = am2amp(
        t.path(),
        &[
            "convert",
            input,
            "-o",
            "configs/team-b/../team-a",
            "--topic-arn",
            TOPIC,
        ],
    );
    assert_eq!(into_dir.status.code(), Some(2));
    assert!(text(&into_dir.stderr).contains("refusing to write over an input"));
    assert_eq!(std::fs::read(t.path().join(input)).unwrap(), before);
    let beside = am2amp(
        t.path(),
        &[
            "convert",
            "configs",
            "-o",
            "./configs/",
            "--topic-arn",
            TOPIC,
        ],
    );
    assert_eq!(beside.status.code(), Some(2));
    assert!(
        text(&beside.stderr).contains("is the input directory `configs` itself"),
        "{}",
        text(&beside.stderr)
    );
    let several = am2amp(t.path(), &["convert", "configs", "--topic-arn", TOPIC]);
    assert_eq!(several.status.code(), Some(2));
    assert!(text(&several.stderr).contains("-o DIR"));
}

/// Runs `am2amp` in `dir`, failing the test instead of hanging when it does not end.
fn am2amp_within(dir: &Path, args: &[&str], secs: u64) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_am2amp"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed().as_secs() >= secs {
            child.kill().unwrap();
            panic!("`am2amp {}` did not end within {secs} s", args.join(" "));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Makes a FIFO at `path` and reads it whole on another thread.
#[cfg(unix)]
fn read_fifo(path: &Path) -> std::thread::JoinHandle<Vec<u8>> {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success());
    let path = path.to_path_buf();
    std::thread::spawn(move || std::fs::read(path).unwrap())
}

#[cfg(unix)]
#[test]
fn links_and_special_files_as_outputs_are_written_through_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let t = tree();
    let input = "configs/team-a/slack.yml";
    let convert = |out: &str, mode: Option<&str>| {
        let mut args = vec!["convert", input, "-o", out, "--topic-arn", TOPIC];
        args.extend(mode);
        am2amp_within(t.path(), &args, 20)
    };
    let expected = am2amp(t.path(), &["convert", input, "--topic-arn", TOPIC]).stdout;
    assert!(!expected.is_empty());

    // A symbolic link stays a link; the file it names gets the definition.
    std::fs::write(t.path().join("real.yml"), "old\n").unwrap();
    std::os::unix::fs::symlink("real.yml", t.path().join("link.yml")).unwrap();
    let o = convert("link.yml", None);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(t.path().join("link.yml").is_symlink());
    assert_eq!(std::fs::read(t.path().join("real.yml")).unwrap(), expected);
    assert!(convert("link.yml", Some("--check")).status.success());

    // A link to an input is refused like the input itself.
    std::os::unix::fs::symlink(input, t.path().join("to-input.yml")).unwrap();
    let before = std::fs::read(t.path().join(input)).unwrap();
    let o = convert("to-input.yml", None);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("refusing to write over an input"));
    assert_eq!(std::fs::read(t.path().join(input)).unwrap(), before);

    // A FIFO (like `-o /dev/null` or `-o >(cmd)`) is written into and stays a FIFO; `--check`
    // and `--dry-run` do not wait for a writer, and find no earlier output in it.
    let fifo = t.path().join("pipe");
    let reader = read_fifo(&fifo);
    let o = convert("pipe", None);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(reader.join().unwrap(), expected);
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    let o = convert("pipe", Some("--check"));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("missing pipe"),
        "{}",
        text(&o.stderr)
    );
    let o = convert("pipe", Some("--dry-run"));
    assert!(
        text(&o.stderr).contains("would create pipe"),
        "{}",
        text(&o.stderr)
    );
}

#[cfg(unix)]
#[test]
fn outputs_and_manifests_go_to_files_pipes_devices_or_directories() {
    let t = tree();
    let input = "configs/team-a/pagerduty.yml";
    let convert = |manifest: &str| {
        am2amp_within(
            t.path(),
            &[
                "convert",
                input,
                "-o",
                "pd.yml",
                "--topic-arn",
                TOPIC,
                "--secrets-out",
                manifest,
            ],
            20,
        )
    };

    // A FIFO (as with `--secrets-out >(vault-import)`) gets the manifest and is not waited on
    // for an earlier one.
    let reader = read_fifo(&t.path().join("secrets.pipe"));
    let o = convert("secrets.pipe");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let manifest = text(&reader.join().unwrap());
    assert!(
        manifest.contains("\"pd-v2/pagerduty/0/routing_key\": \"R0UT1NGKEY"),
        "{manifest}"
    );
    assert!(!text(&o.stderr).contains("overwriting"));

    let o = convert("/dev/null");
    assert!(o.status.success(), "{}", text(&o.stderr));

    // A directory, an existing one or a path ending in `/`, gets `<input>.secrets.json`, as
    // `-o` decides for the definition.
    std::fs::create_dir(t.path().join("vault")).unwrap();
    for dir in ["vault", "new-vault/"] {
        let o = convert(dir);
        assert!(o.status.success(), "{}", text(&o.stderr));
        let m = std::fs::read_to_string(t.path().join(dir).join("pagerduty.secrets.json"));
        assert!(m.unwrap().contains("R0UT1NGKEY"));
    }
    // Unless that name is itself a directory: refused before anything is converted.
    std::fs::remove_file(t.path().join("vault/pagerduty.secrets.json")).unwrap();
    std::fs::create_dir(t.path().join("vault/pagerduty.secrets.json")).unwrap();
    std::fs::remove_file(t.path().join("pd.yml")).unwrap();
    let o = convert("vault");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr)
            .contains("--secrets-out vault/pagerduty.secrets.json: is a directory, not a manifest"),
        "{}",
        text(&o.stderr)
    );
    assert!(!t.path().join("pd.yml").exists());
    let slack = std::fs::read(t.path().join("configs/team-a/slack.yml")).unwrap();
    for (input, written) in [
        ("-", "amp/stdin.yml"),
        ("configs/team-a/slack.yml", "amp/slack.yml"),
    ] {
        let mut convert = Command::new(env!("CARGO_BIN_EXE_am2amp"));
        convert
            .current_dir(t.path())
            .args(["convert", input, "-o", "amp/", "--topic-arn", TOPIC]);
        let o = with_stdin(convert, &slack);
        assert!(o.status.success(), "{input}: {}", text(&o.stderr));
        let def = std::fs::read_to_string(t.path().join(written)).unwrap();
        assert!(def.contains("alertmanager_config: |"), "{def}");
    }

    // The stderr of a run that must exit 2.
    let exits_2 = |args: &[&str]| {
        let o = am2amp_within(t.path(), args, 20);
        assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
        text(&o.stderr)
    };

    // An input whose output cannot be written is one that failed, in the summary too.
    std::fs::write(t.path().join("plain"), "").unwrap();
    let err = exits_2(&["convert", input, "-o", "plain/pd.yml", "--topic-arn", TOPIC]);
    assert!(
        err.contains("converted 0, with warnings 0, failed 1"),
        "{err}"
    );

    // With several inputs, `-o` naming a file is a usage error up front, not one per input.
    std::fs::write(t.path().join("amp.yml"), "keep\n").unwrap();
    let err = exits_2(&["convert", "configs", "-o", "amp.yml", "--topic-arn", TOPIC]);
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(err.contains("-o amp.yml: is not a directory"), "{err}");
    let err = exits_2(&[
        "convert",
        "configs",
        "-o",
        "amp2",
        "--topic-arn",
        TOPIC,
        "--secrets-out",
        "amp.yml",
    ]);
    assert!(
        err.contains("--secrets-out amp.yml: is not a directory"),
        "{err}"
    );
    assert!(!t.path().join("amp2").exists());
    assert_eq!(std::fs::read(t.path().join("amp.yml")).unwrap(), b"keep\n");
}

/// Files under `dir` whose names start with `.tmp` (the temporary files outputs go through).
fn temporary_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(temporary_files(&path));
        } else if entry.file_name().to_string_lossy().starts_with(".tmp") {
            found.push(path);
        }
    }
    found
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_whole_outputs_and_no_temporary_files() {
    let t = tempfile::tempdir().unwrap();
    let config = std::fs::read(common::root().join("samples/convert/slack.yml")).unwrap();
    for i in 0..3000 {
        let dir = t.path().join(format!("configs/team-{:02}", i % 30));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("tenant-{i}.yml")), &config).unwrap();
    }
    let expected = am2amp(
        t.path(),
        &[
            "convert",
            "configs/team-00/tenant-0.yml",
            "--topic-arn",
            TOPIC,
        ],
    )
    .stdout;
    assert!(!expected.is_empty());
    let out = t.path().join("amp");
    // Interrupted as soon as its first outputs appear, several times over: without care an
    // interrupt often lands while some worker has a temporary file open.
    for round in 0..4 {
        let _ = std::fs::remove_dir_all(&out);
        let child = Command::new(env!("CARGO_BIN_EXE_am2amp"))
            .current_dir(t.path())
            .args(["convert", "configs", "-o", "amp", "--topic-arn", TOPIC])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let start = std::time::Instant::now();
        while std::fs::read_dir(out.join("team-00")).map_or(0, |d| d.count()) < 2 {
            assert!(start.elapsed().as_secs() < 30, "no output appeared");
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        let pid = child.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-INT", &pid])
                .status()
                .unwrap()
                .success()
        );
        let o = child.wait_with_output().unwrap();
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(130), "round {round}: {err}");
        assert!(err.contains("interrupted"), "{err}");
        assert_eq!(
            temporary_files(&out),
            Vec::<PathBuf>::new(),
            "round {round}"
        );
        let mut written = 0;
        for team in std::fs::read_dir(&out).unwrap() {
            for f in std::fs::read_dir(team.unwrap().path()).unwrap() {
                assert_eq!(std::fs::read(f.unwrap().path()).unwrap(), expected);
                written += 1;
            }
        }
        assert!(
            0 < written && written < 3000,
            "round {round}: {written} written"
        );
    }
}

#[test]
fn dry_run_shows_diffs_and_writes_nothing() {
    let t = tree();
    let base = [
        "convert",
        "configs/team-a/slack.yml",
        "-o",
        "out/slack.yml",
        "--topic-arn",
        TOPIC,
    ];
    let new = am2amp(t.path(), &[&base[..], &["--dry-run"]].concat());
    assert!(new.status.success());
    assert!(!t.path().join("out/slack.yml").exists());
    assert!(text(&new.stderr).contains("would create out/slack.yml"));
    assert!(text(&new.stdout).starts_with("--- a/out/slack.yml\n+++ b/out/slack.yml\n@@ -0,0 +1,"));
    assert!(am2amp(t.path(), &base).status.success());
    let same = am2amp(t.path(), &[&base[..], &["--dry-run"]].concat());
    assert!(text(&same.stderr).contains("unchanged out/slack.yml"));
    assert!(same.stdout.is_empty());
    // A changed setting shows as the lines it changes.
    let region_diff = |args: &[&str]| {
        let o = am2amp(
            t.path(),
            &[args, &["--dry-run", "--region", "eu-central-1"]].concat(),
        );
        let diff = text(&o.stdout);
        assert!(
            diff.contains("-            region: eu-west-1\n+            region: eu-central-1\n"),
            "{diff}"
        );
        (diff, text(&o.stderr))
    };
    let (_, err) = region_diff(&base);
    assert!(err.contains("would change out/slack.yml"), "{err}");

    // An aws-cli file's definition is base64 on one line: the diff is of it decoded.
    let aws = ["-o", "out/slack.json", "--emit", "aws-cli"];
    let aws = [&base[..2], &aws[..], &base[4..]].concat();
    assert!(am2amp(t.path(), &aws).status.success());
    let written = std::fs::read(t.path().join("out/slack.json")).unwrap();
    let (diff, _) = region_diff(&aws);
    assert!(
        diff.starts_with("--- a/out/slack.json (data decoded)\n"),
        "{diff}"
    );
    assert!(!diff.contains("\"data\""), "{diff}");
    assert_eq!(
        std::fs::read(t.path().join("out/slack.json")).unwrap(),
        written
    );
}

#[test]
fn check_mode_names_stale_and_missing_outputs() {
    let t = clean_tree();
    let args = CONVERT_TREE;
    let _ = am2amp(t.path(), &args);
    let check = [&args[..], &["--check"]].concat();
    let clean = am2amp(t.path(), &check);
    assert!(clean.status.success(), "{}", text(&clean.stderr));
    assert!(!text(&clean.stderr).contains("hint:"));
    let edited = t.path().join("configs/team-a/webhook.yml");
    let src = std::fs::read_to_string(&edited)
        .unwrap()
        .replace("max_alerts: 10", "max_alerts: 11");
    std::fs::write(&edited, src).unwrap();
    std::fs::remove_file(t.path().join("amp/team-b/nested/slack.yml")).unwrap();
    let stale = am2amp(t.path(), &check);
    assert_eq!(stale.status.code(), Some(1));
    let err = text(&stale.stderr);
    assert!(
        err.contains("stale amp/team-a/webhook.yml (from configs/team-a/webhook.yml)"),
        "{err}"
    );
    assert!(err.contains("missing amp/team-b/nested/slack.yml"), "{err}");
    assert!(err.lines().last().unwrap().ends_with("stale 2"), "{err}");
    // The two are listed again together at the end, in input order, after every finding.
    let tail = err.rsplit_once("\nout of date (2):\n").map(|(_, t)| t);
    assert!(
        tail.is_some_and(|t| t.starts_with(
            "  stale amp/team-a/webhook.yml (from configs/team-a/webhook.yml)\n  missing amp/team-b/nested/slack.yml (from configs/team-b/nested/slack.yml)\nhint:"
        )),
        "{err}"
    );
    assert!(!tail.unwrap().contains("am2amp::"), "{err}");
    assert!(
        err.contains("\nhint: run the same command without `--check`"),
        "{err}"
    );
    // Stale files still count their warnings (webhook.yml has some).
    let warnings = |e: &str| {
        e.lines()
            .last()
            .unwrap()
            .split(", ")
            .nth(1)
            .unwrap()
            .to_string()
    };
    assert_eq!(warnings(&err), warnings(&text(&clean.stderr)), "{err}");
    assert_ne!(warnings(&err), "with warnings 0", "{err}");
    // Nothing was written.
    assert!(!t.path().join("amp/team-b/nested/slack.yml").exists());
}

#[test]
fn check_mode_before_the_first_conversion_says_so_once_at_the_end() {
    let t = clean_tree();
    let check = [&CONVERT_TREE[..], &["--check"]].concat();
    let out = am2amp(t.path(), &check);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    // Each input still has its status line; the closing list does not repeat them all.
    let missing = err
        .lines()
        .filter(|l| l.starts_with("missing amp/"))
        .count();
    assert!(missing > 1, "{err}");
    assert_eq!(err.matches("missing amp/").count(), missing, "{err}");
    assert!(
        err.contains(&format!(
            "\nout of date ({missing}): amp does not exist, so no output has been written yet\nhint:"
        )),
        "{err}"
    );
    assert!(!t.path().join("amp").exists());
}

#[test]
fn check_mode_names_outputs_whose_config_is_gone() {
    let t = clean_tree();
    let args = CONVERT_TREE;
    assert!(am2amp(t.path(), &args).status.success());
    let configs = t.path().join("configs/team-a");
    std::fs::rename(configs.join("webhook.yml"), configs.join("hooks.yml")).unwrap();
    // Files in the output directory that hold no definition, or that are hidden, are not
    // outputs.
    std::fs::write(t.path().join("amp/notes.yml"), "owner: platform\n").unwrap();
    std::fs::copy(
        t.path().join("amp/team-a/slack.yml"),
        t.path().join("amp/team-a/.slack.yml"),
    )
    .unwrap();
    let check = am2amp(t.path(), &[&args[..], &["--check"]].concat());
    assert_eq!(check.status.code(), Some(1));
    let err = text(&check.stderr);
    let orphaned: Vec<&str> = err.lines().filter(|l| l.starts_with("orphaned")).collect();
    assert_eq!(
        orphaned,
        ["orphaned amp/team-a/webhook.yml (no input converts to it)"],
        "{err}"
    );
    assert!(err.contains("missing amp/team-a/hooks.yml"), "{err}");
    assert!(
        err.lines().last().unwrap().ends_with("stale 1, orphaned 1"),
        "{err}"
    );
    assert!(err.contains("\nhint: am2amp deletes nothing"), "{err}");
    let dry = am2amp(t.path(), &[&args[..], &["--dry-run"]].concat());
    assert!(dry.status.success());
    assert!(text(&dry.stderr).contains("orphaned amp/team-a/webhook.yml"));
    // Converting writes the new output and deletes nothing; the old one stays orphaned until
    // someone removes it.
    assert!(am2amp(t.path(), &args).status.success());
    assert!(t.path().join("amp/team-a/webhook.yml").exists());
    let again = am2amp(t.path(), &[&args[..], &["--check"]].concat());
    assert_eq!(again.status.code(), Some(1));
    std::fs::remove_file(t.path().join("amp/team-a/webhook.yml")).unwrap();
    let clean = am2amp(t.path(), &[&args[..], &["--check"]].concat());
    assert!(clean.status.success(), "{}", text(&clean.stderr));
    // A single file given with `-o DIR` mirrors no tree: the directory's other files are
    // none of its business.
    let one = [
        "convert",
        "configs/team-a/slack.yml",
        "-o",
        "amp/team-a",
        "--topic-arn",
        TOPIC,
        "--check",
    ];
    let single = am2amp(t.path(), &one);
    assert!(single.status.success(), "{}", text(&single.stderr));
}

#[test]
fn an_output_directory_may_hold_the_inputs() {
    let t = clean_tree();
    // The inputs lie inside the output directory; one of them is an AMP definition itself,
    // which is no orphaned output.
    std::fs::copy(
        common::root().join("samples/definition.yml"),
        t.path().join("configs/team-a/definition.yml"),
    )
    .unwrap();
    let mut args = CONVERT_TREE;
    args[3] = ".";
    let write = am2amp(t.path(), &args);
    assert!(write.status.success(), "{}", text(&write.stderr));
    assert!(t.path().join("team-a/definition.yml").exists());
    let check = am2amp(t.path(), &[&args[..], &["--check"]].concat());
    assert!(check.status.success(), "{}", text(&check.stderr));
}

#[test]
fn every_emit_form_decodes_to_the_definition() {
    let root = common::root();
    let def = am2amp(
        &root,
        &["convert", "samples/alertmanager.yml", "--topic-arn", TOPIC],
    );
    assert!(def.status.success());
    let definition = text(&def.stdout);
    let form_in = |f: &str, workspace: &[&str]| {
        let base = [
            "convert",
            "samples/alertmanager.yml",
            "--topic-arn",
            TOPIC,
            "--emit",
            f,
        ];
        let o = am2amp(&root, &[&base[..], workspace].concat());
        assert!(o.status.success(), "{f}: {}", text(&o.stderr));
        text(&o.stdout)
    };
    let form = |f: &str| form_in(f, &["--workspace-id", "ws-1234"]);
    assert_eq!(form("definition"), definition);

    let cli: serde_json::Value = serde_json::from_str(&form("aws-cli")).unwrap();
    assert_eq!(cli["workspaceId"], "ws-1234");
    let data = base64::engine::general_purpose::STANDARD
        .decode(cli["data"].as_str().unwrap())
        .unwrap();
    assert_eq!(String::from_utf8(data).unwrap(), definition);

    let tf = form("terraform");
    assert!(tf.starts_with("resource \"aws_prometheus_alert_manager_definition\" \"alertmanager\" {\n  workspace_id = \"ws-1234\"\n  definition   = <<EOT\n"));
    let body = tf
        .split_once("<<EOT\n")
        .unwrap()
        .1
        .rsplit_once("EOT\n}\n")
        .unwrap()
        .0;
    assert_eq!(body.replace("$${", "${").replace("%%{", "%{"), definition);
    // An id AMP cannot have (an unset variable, a space, an HCL interpolation) is a usage
    // error, before anything is written.
    for bad in ["", "ws 1", "${var.x}", &"w".repeat(65)] {
        let o = am2amp(
            &root,
            &[
                "convert",
                "samples/alertmanager.yml",
                "--topic-arn",
                TOPIC,
                "--emit",
                "terraform",
                "--workspace-id",
                bad,
            ],
        );
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(o.stdout.is_empty());
        let err = text(&o.stderr);
        assert!(err.contains("is not an AMP workspace ID"), "{err}");
        assert_eq!(
            err.contains("is the variable it was read from set?"),
            bad.is_empty()
        );
    }
    assert!(form_in("aws-cli", &["--workspace-id", &"w".repeat(64)]).contains("workspaceId"));
    // Without a workspace id the resource reads it from a variable it declares: a generated
    // file that needs editing would never pass `--check`.
    let tf = form_in("terraform", &[]);
    assert!(
        tf.starts_with("variable \"alertmanager_workspace_id\" {\n"),
        "{tf}"
    );
    assert!(
        tf.contains("resource \"aws_prometheus_alert_manager_definition\" \"alertmanager\" {\n  workspace_id = var.alertmanager_workspace_id\n  definition   = <<EOT\n"),
        "{tf}"
    );

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Cfn {
        alert_manager_definition: String,
    }
    let cfn: Cfn = serde_saphyr::from_str(&form("cloudformation")).unwrap();
    assert_eq!(cfn.alert_manager_definition, definition);
}

#[test]
fn settings_file_is_read_and_flags_override_it() {
    let t = tree();
    std::fs::write(
        t.path().join("am2amp.toml"),
        "topic-arn = \"arn:aws:sns:ap-south-1:123456789012:{receiver}\"\nregion = \"ap-south-1\"\nallow = [\"am2amp::lossy::external-url\"]\n[topics]\nteam-chat = \"arn:aws:sns:us-west-2:123456789012:chat\"\n",
    )
    .unwrap();
    let o = am2amp(t.path(), &["convert", "configs/team-a/slack.yml"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("topic_arn: arn:aws:sns:us-west-2:123456789012:chat"));
    assert!(out.contains("region: ap-south-1"));
    assert!(!text(&o.stderr).contains("external-url"));
    let o = am2amp(
        t.path(),
        &[
            "convert",
            "configs/team-a/slack.yml",
            "--region",
            "eu-west-3",
        ],
    );
    assert!(text(&o.stdout).contains("region: eu-west-3"));
    // check reads it too.
    let c = am2amp(
        t.path(),
        &[
            "check",
            "configs/team-a/slack.yml",
            "--message-format",
            "concise",
        ],
    );
    assert!(
        !text(&c.stdout).contains("external-url"),
        "{}",
        text(&c.stdout)
    );

    std::fs::write(
        t.path().join("am2amp.toml"),
        "region = \"eu-west-1\"\ntopc-arn = \"x\"\n",
    )
    .unwrap();
    let bad = am2amp(t.path(), &["convert", "configs/team-a/slack.yml"]);
    assert_eq!(bad.status.code(), Some(2));
    let err = text(&bad.stderr);
    assert!(
        err.contains("am2amp.toml") && err.contains("line 2, column 1") && err.contains("topc-arn"),
        "{err}"
    );
    assert!(err.contains("help: did you mean `topic-arn`?"), "{err}");
    std::fs::write(t.path().join("am2amp.toml"), "external_url = \"x\"\n").unwrap();
    let err = text(&am2amp(t.path(), &["convert", "configs/team-a/slack.yml"]).stderr);
    assert!(err.contains("help: did you mean `external-url`?"), "{err}");

    // A mapping entry that is not an ARN is named at its line, and a pattern gets a hint.
    for (arn, hint) in [
        ("arn:aws:sns:eu-west-1:1:x", false),
        ("arn:aws:sns:eu-west-1:123456789012:{receiver}", true),
    ] {
        std::fs::write(
            t.path().join("am2amp.toml"),
            format!("region = \"eu-west-1\"\n\n[topics]\nteam-chat = \"arn:aws:sns:eu-west-1:123456789012:chat\"\n  pager = \"{arn}\"\n"),
        )
        .unwrap();
        let bad = am2amp(t.path(), &["convert", "configs/team-a/slack.yml"]);
        assert_eq!(bad.status.code(), Some(2));
        let err = text(&bad.stderr);
        assert!(
            err.contains("am2amp.toml:5:3: topics: receiver `pager`: "),
            "{err}"
        );
        assert_eq!(
            err.contains("help: a `{receiver}` pattern goes in `topic-arn`"),
            hint,
            "{err}"
        );
    }
}

/// Two configs of one run and an `am2amp.toml` whose topic mapping misspells a receiver.
fn misspelled_mapping() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    let config = |team: &str, receivers: &[&str]| {
        let dir = t.path().join("configs").join(team);
        std::fs::create_dir_all(&dir).unwrap();
        let mut yml = format!("route:\n  receiver: {}\nreceivers:\n", receivers[0]);
        for r in receivers {
            yml.push_str(&format!(
                "  - name: {r}\n    pagerduty_configs:\n      - routing_key: key-of-{r}-0123456789\n"
            ));
        }
        std::fs::write(dir.join("alertmanager.yml"), yml).unwrap();
    };
    config("a", &["team-db", "oncall-pager"]);
    config("b", &["web"]);
    std::fs::write(
        t.path().join("am2amp.toml"),
        "topic-arn = \"arn:aws:sns:eu-west-1:123456789012:{receiver}\"\nallow = [\"am2amp::secret::no-manifest\"]\n\n[topics]\nteam-db = \"arn:aws:sns:eu-west-1:123456789012:databases\"\noncall-pagr = \"arn:aws:sns:eu-west-1:123456789012:oncall\"\n",
    )
    .unwrap();
    t
}

#[test]
fn a_misspelled_mapping_entry_is_reported_once_for_the_run_at_its_line() {
    let t = misspelled_mapping();
    let concise = ["--message-format", "concise"];
    let o = am2amp(
        t.path(),
        &[&["convert", "configs", "-o", "amp"][..], &concise].concat(),
    );
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let found: Vec<&str> = err.lines().filter(|l| l.contains("topic-typo")).collect();
    assert_eq!(found.len(), 1, "{err}");
    assert!(
        found[0].starts_with("am2amp.toml:6:1: warning[am2amp::amp::topic-typo]")
            && found[0].contains("`oncall-pagr`")
            && found[0].contains("`oncall-pager`"),
        "{err}"
    );
    assert!(!err.contains("key-of-"), "a routing key leaked: {err}");
    // The summary counts it, though no file has it.
    assert!(
        err.ends_with("converted 2, with warnings 0, failed 0; 1 warning for the whole run\n"),
        "{err}"
    );
    // The help says where the receiver is.
    let human = am2amp(t.path(), &["convert", "configs", "-o", "amp"]);
    assert!(
        text(&human.stderr).contains("configs/a/alertmanager.yml:7:11"),
        "{}",
        text(&human.stderr)
    );
    // Its snippet shows the settings file, never an external URL's credentials.
    std::fs::write(
        t.path().join("am2amp.toml"),
        "topic-arn = \"arn:aws:sns:eu-west-1:123456789012:{receiver}\"\nexternal-url = \"https://admin:s3cret@am.example.com\"\ntopics.oncall-pagr = \"arn:aws:sns:eu-west-1:123456789012:oncall\"\ntopics.team-db = \"arn:aws:sns:eu-west-1:123456789012:databases\"\n",
    )
    .unwrap();
    let o = am2amp(t.path(), &["convert", "configs", "-o", "amp"]);
    let err = text(&o.stderr);
    assert!(
        err.contains("am2amp.toml:3:8") && !err.contains("s3cret"),
        "{err}"
    );
    // A CI run can make it fail.
    let deny = ["--check", "--deny", "am2amp::amp::topic-typo"];
    let o = am2amp(
        t.path(),
        &[&["convert", "configs", "-o", "amp"][..], &deny, &concise].concat(),
    );
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.ends_with("failed 0, stale 0; 1 error for the whole run\n"),
        "{err}"
    );
}

#[test]
fn a_mapping_entry_another_config_of_the_run_uses_is_no_misspelling() {
    let t = misspelled_mapping();
    let dir = t.path().join("configs/c");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("alertmanager.yml"),
        "route:\n  receiver: oncall-pagr\nreceivers:\n  - name: oncall-pagr\n    pagerduty_configs:\n      - routing_key: key-of-c-0123456789\n",
    )
    .unwrap();
    let o = am2amp(
        t.path(),
        &[
            "convert",
            "configs",
            "-o",
            "amp",
            "--message-format",
            "concise",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        !text(&o.stderr).contains("topic-typo"),
        "{}",
        text(&o.stderr)
    );
    // Converting config a alone, the entry is unused again.
    let o = am2amp(
        t.path(),
        &[
            "convert",
            "configs/a/alertmanager.yml",
            "--message-format",
            "concise",
        ],
    );
    assert!(
        text(&o.stderr).contains("topic-typo"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn sarif_is_one_log_for_the_run() {
    let o = am2amp(
        &common::root(),
        &[
            "check",
            "--message-format",
            "sarif",
            "samples/invalid/unknown-field.yml",
            "samples/invalid/duration.yml",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_str(&text(&o.stdout)).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "am2amp");
    let results = run["results"].as_array().unwrap();
    assert!(results.len() >= 2);
    let first = &results[0];
    assert_eq!(first["ruleId"], "am2amp::syntax::unknown-field");
    assert_eq!(first["level"], "error");
    let location = &first["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "samples/invalid/unknown-field.yml"
    );
    assert_eq!(location["region"]["startLine"], 8);
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for r in results {
        assert!(rules.contains(&r["ruleId"].as_str().unwrap()));
    }
}

#[test]
fn convert_check_writes_its_sarif_log_to_standard_output_alone() {
    let t = tree();
    let args = [
        "convert",
        "--check",
        "configs",
        "-o",
        "amp",
        "--topic-arn",
        TOPIC,
    ];
    let o = am2amp(
        t.path(),
        &[&args[..], &["--message-format", "sarif"]].concat(),
    );
    assert_eq!(o.status.code(), Some(1), "every output is missing");
    let log: serde_json::Value = serde_json::from_str(&text(&o.stdout)).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
    let err = text(&o.stderr);
    assert!(
        err.contains("missing amp/team-a/") && err.contains(", stale "),
        "{err}"
    );
    // Where standard output carries definitions or diffs, the log has no place to go.
    for extra in [&["--dry-run"][..], &[]] {
        let o = am2amp(
            t.path(),
            &[
                &[
                    "convert",
                    "configs/team-a/slack.yml",
                    "--topic-arn",
                    TOPIC,
                    "--message-format",
                    "sarif",
                ][..],
                extra,
            ]
            .concat(),
        );
        assert_eq!(o.status.code(), Some(2));
        assert!(o.stdout.is_empty());
        assert!(
            text(&o.stderr).contains("`--message-format sarif` writes its log to standard output")
        );
    }
}

#[test]
fn completions_and_man_page() {
    let root = common::root();
    let bash = am2amp(&root, &["completions", "bash"]);
    assert!(bash.status.success());
    assert!(text(&bash.stdout).contains("--topic-arn"));
    let man = am2amp(&root, &["man"]);
    assert!(man.status.success());
    let page = text(&man.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH am2amp"),
        "{}",
        &page[..200.min(page.len())]
    );
    assert!(page.contains("convert"));
}

/// Configs that share template files, for the test below: they call user and default
/// templates in different orders, one library recurses and one calls a template nobody
/// defines (those two are compiled per config), one field calls a template that only
/// some of the libraries define, and two configs hold the same texts in the same order under
/// swapped file names (a file's text is a template named after the file).
fn shared_template_configs(dir: &Path) -> Vec<PathBuf> {
    let tmpl = r#"{{ define "t.title" }}[{{ .Status | toUpper }}] {{ template "t.extra" . }}{{ end }}
{{ define "t.extra" }}{{ .CommonLabels.alertname }} {{ template "__subject" . }}{{ end }}
{{ define "t.link" }}{{ .ExternalURL }}/{{ template "slack.default.titlelink" . }}{{ end }}
"#;
    let recursive =
        r#"{{ define "t.title" }}{{ if . }}x{{ template "t.title" false }}{{ end }}{{ end }}"#;
    let undefined = r#"{{ define "t.title" }}{{ template "nowhere" . }}{{ end }}"#;
    // A chain of calls deeper than the copies make at once.
    let deep: String = (0..40)
        .map(|i| {
            format!(
                "{{{{ define \"d{i}\" }}}}{i} {{{{ template \"d{}\" . }}}}{{{{ end }}}}\n",
                i + 1
            )
        })
        .chain(["{{ define \"d40\" }}end{{ end }}\n".to_string()])
        .collect();
    let slack = |title: &str, text: &str| {
        format!(
            "templates: ['templates/*.tmpl']\nroute: {{receiver: a}}\nreceivers:\n  - name: a\n    slack_configs:\n      - api_url: https://hooks.slack.com/services/T0/B0/X\n        title: '{title}'\n        text: '{text}'\n  - name: b\n    pagerduty_configs:\n      - routing_key: k\n        description: '{title}'\n"
        )
    };
    let configs = [
        (
            "shared/one",
            tmpl,
            slack(
                r#"{{ template "t.title" . }}"#,
                r#"{{ template "t.link" . }}"#,
            ),
        ),
        (
            "shared/two",
            tmpl,
            slack(
                r#"{{ template "t.extra" . }}"#,
                r#"{{ template "t.title" . }}"#,
            ),
        ),
        (
            "shared/three",
            tmpl,
            slack(
                r#"{{ template "slack.default.fallback" . }}"#,
                r#"{{ template "t.extra" . }}"#,
            ),
        ),
        (
            "recursive/one",
            recursive,
            slack(
                r#"{{ template "t.title" . }}"#,
                r#"{{ template "__subject" . }}"#,
            ),
        ),
        (
            "recursive/two",
            recursive,
            slack(
                r#"{{ template "__subject" . }}"#,
                r#"{{ template "t.title" . }}"#,
            ),
        ),
        (
            "undefined/one",
            undefined,
            slack(r#"{{ template "t.title" . }}"#, r#"{{ .Status }}"#),
        ),
        // `t.extra` is defined by the shared templates only.
        (
            "undefined/two",
            undefined,
            slack(r#"{{ template "t.extra" . }}"#, r#"{{ .Status }}"#),
        ),
        (
            "deep/one",
            &deep,
            slack(r#"{{ template "d20" . }}"#, r#"{{ template "d0" . }}"#),
        ),
        (
            "deep/two",
            &deep,
            slack(r#"{{ template "d0" . }}"#, r#"{{ template "d20" . }}"#),
        ),
    ];
    let mut paths = Vec::new();
    for (name, tmpl, config) in configs {
        let at = dir.join(name);
        std::fs::create_dir_all(at.join("templates")).unwrap();
        std::fs::write(at.join("templates/t.tmpl"), tmpl).unwrap();
        std::fs::write(at.join("alertmanager.yml"), config).unwrap();
        paths.push(at.join("alertmanager.yml"));
    }
    for (name, [first, second]) in [
        ("named/one", ["t.tmpl", "u.tmpl"]),
        ("named/two", ["u.tmpl", "t.tmpl"]),
    ] {
        let at = dir.join(name);
        std::fs::create_dir_all(at.join("templates")).unwrap();
        std::fs::write(at.join("templates").join(first), "first {{ .Status }}").unwrap();
        std::fs::write(at.join("templates").join(second), "second").unwrap();
        let config = slack(
            r#"{{ template "t.tmpl" . }}"#,
            r#"{{ template "u.tmpl" . }}"#,
        )
        .replace(
            "['templates/*.tmpl']",
            &format!("['templates/{first}', 'templates/{second}']"),
        );
        std::fs::write(at.join("alertmanager.yml"), config).unwrap();
        paths.push(at.join("alertmanager.yml"));
    }
    paths
}

/// The copies a definition calls (`am2amp…` templates) that it does not define.
fn undefined_copies(definition: &str) -> Vec<String> {
    let names = |marker: &str| -> std::collections::BTreeSet<String> {
        definition
            .split(marker)
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .filter(|n| n.starts_with("am2amp"))
            .map(String::from)
            .collect()
    };
    let defined = names("{{ define \"");
    names("{{ template \"")
        .difference(&defined)
        .cloned()
        .collect()
}

/// A thread remembers compiled fields for configs with the same templates, so a config must
/// convert to the same bytes and findings whatever its thread converted before: alone, after
/// the others, or after them in reverse order.
#[test]
fn a_conversion_does_not_depend_on_what_its_thread_converted_before() {
    use am2amp::convert::{ConvertOptions, convert_input};
    use am2amp::translate::{Options, Topics};

    let dir = tempfile::tempdir().unwrap();
    let mut paths = shared_template_configs(dir.path());
    for folder in ["samples/convert", "samples"] {
        let folder = common::root().join(folder);
        paths.extend(
            std::fs::read_dir(folder)
                .unwrap()
                .map(|e| e.unwrap().path()),
        );
    }
    paths.extend(
        std::fs::read_dir(common::shared().join("corpus"))
            .unwrap()
            .map(|e| e.unwrap().path()),
    );
    paths.retain(|p| p.extension().is_some_and(|e| e == "yml"));
    paths.sort();
    let run = |jobs: Vec<(PathBuf, Option<&'static str>)>| {
        std::thread::spawn(move || {
            let mut out: Vec<_> = jobs
                .into_iter()
                .map(|(p, url)| {
                    let opts = ConvertOptions {
                        translate: Options {
                            topics: Topics {
                                template: Some(TOPIC.into()),
                                ..Default::default()
                            },
                            external_url: url.map(String::from),
                            ..Default::default()
                        },
                        ..Default::default()
                    };
                    let c = convert_input("in", Some(&p), std::fs::read(&p).unwrap(), &opts);
                    (
                        (p, url),
                        c.output.map(|t| t.read().unwrap()),
                        c.report.diagnostics,
                    )
                })
                .collect();
            out.sort_by(|a, b| a.0.cmp(&b.0));
            out
        })
        .join()
        .unwrap()
    };
    let jobs: Vec<_> = [
        None,
        Some("http://a.example.com"),
        Some("http://b.example.com"),
    ]
    .into_iter()
    .flat_map(|url| paths.iter().map(move |p| (p.clone(), url)))
    .collect();
    let mut alone: Vec<_> = jobs.iter().flat_map(|j| run(vec![j.clone()])).collect();
    alone.sort_by(|a, b| a.0.cmp(&b.0));
    let converted = alone.iter().filter(|c| c.1.is_some()).count();
    assert!(converted >= 90, "only {converted} inputs converted");
    for ((path, url), definition, _) in &alone {
        let missing = undefined_copies(definition.as_deref().unwrap_or(""));
        assert!(
            missing.is_empty(),
            "{path:?} {url:?} calls undefined {missing:?}"
        );
    }
    let mut by_path = jobs.clone();
    by_path.sort();
    assert!(run(jobs.clone()) == alone, "grouped by URL");
    assert!(run(by_path.clone()) == alone, "grouped by config");
    assert!(
        run(by_path.into_iter().rev().collect()) == alone,
        "in reverse"
    );
}
