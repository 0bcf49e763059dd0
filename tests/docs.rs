//! `docs/codes.md` is generated from the code catalogue and cannot drift from it.

mod common;

#[test]
fn codes_md_matches_the_catalogue() {
    let path = common::root().join("docs/codes.md");
    let expected = am2amp::diag::code::catalogue_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/codes.md is out of date: run `UPDATE_DOCS=1 cargo test --test docs`"
    );
}
