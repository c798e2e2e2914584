//! The README's key list is the key table: a test fails when they disagree.
//! Run with `BYLINE_UPDATE_README=1` to rewrite the README's list from the table.

const BEGIN: &str =
    "<!-- keys:begin (generated from the key table; see tests/units/readme.rs) -->\n";
const END: &str = "<!-- keys:end -->";

#[test]
fn readme_key_list_matches_the_key_table() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme
        .find(BEGIN)
        .expect("README has the keys:begin marker")
        + BEGIN.len();
    let end = readme[start..]
        .find(END)
        .expect("README has the keys:end marker")
        + start;
    let table = byline::app::keymap::markdown_table();
    if std::env::var_os("BYLINE_UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..start], table, &readme[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert_eq!(
        readme[start..end],
        table,
        "README key list differs from the key table; rerun with BYLINE_UPDATE_README=1"
    );
}

#[test]
fn readme_shows_the_two_commands() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    assert!(readme.contains("cargo run --release"));
    assert!(readme.contains("cargo test"));
}

#[test]
fn readme_shows_the_default_config_as_shipped() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let config = std::fs::read_to_string(root.join("assets/config.toml")).unwrap();
    assert!(
        readme.contains(config.trim_end()),
        "README's config block differs from assets/config.toml"
    );
}

#[test]
fn the_key_binding_examples_name_real_actions() {
    // Every `name = [...]` example line of the shipped config names an action the table knows.
    let config = include_str!("../../assets/config.toml");
    let mut seen = 0;
    for line in config.lines() {
        let Some(example) = line.strip_prefix("#   ") else {
            continue;
        };
        let Some((name, keys)) = example.split_once(" = ") else {
            continue;
        };
        // `action = ["key", …]` is the syntax line, not an example.
        if !keys.starts_with('[') || name == "action" {
            continue;
        }
        seen += 1;
        assert!(
            byline::app::Action::from_name(name.trim()).is_some(),
            "the config example binds `{name}`, which is no action"
        );
    }
    assert!(seen >= 2, "the key examples were found");
}
