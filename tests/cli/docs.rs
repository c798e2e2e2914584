//! The man page and completions generated from the clap definitions, and `--help`.

#[allow(dead_code)]
#[path = "../../examples/install_docs.rs"]
mod install_docs;

use clap::CommandFactory;

#[test]
fn the_man_page_and_completions_cover_every_option() {
    let dir = tempfile::tempdir().unwrap();
    let written = install_docs::generate(dir.path()).unwrap();
    assert_eq!(written.len(), 4);
    let man = std::fs::read_to_string(dir.path().join("share/man/man1/byline.1")).unwrap();
    let bash = std::fs::read_to_string(dir.path().join("share/bash-completion/completions/byline"))
        .unwrap();
    let fish = std::fs::read_to_string(
        dir.path()
            .join("share/fish/vendor_completions.d/byline.fish"),
    )
    .unwrap();
    assert!(
        dir.path()
            .join("share/zsh/site-functions/_byline")
            .is_file()
    );
    let cmd = byline::Cli::command();
    for arg in cmd.get_arguments() {
        let Some(long) = arg.get_long() else { continue };
        // roff escapes the dashes of options.
        assert!(
            man.contains(&format!("\\-\\-{}", long.replace('-', "\\-"))),
            "man: --{long}"
        );
        assert!(bash.contains(&format!("--{long}")), "bash: --{long}");
        assert!(fish.contains(&format!("-l {long}")), "fish: --{long}");
    }
    for section in [
        "ENVIRONMENT",
        "EXIT STATUS",
        "FILES",
        "BYLINE_STATE_DIR",
        "BROWSER",
    ] {
        assert!(man.contains(section), "man page lacks {section}");
    }
}

#[test]
fn help_names_the_environment_files_and_exit_status() {
    let out = assert_cmd::Command::cargo_bin("byline")
        .unwrap()
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for want in [
        "--print-config",
        "ENVIRONMENT:",
        "BYLINE_LIBRARY",
        "BYLINE_PICTURES",
        "BYLINE_HYPERLINKS",
        "EXIT STATUS:",
        "config.toml",
        "KEYS:",
    ] {
        assert!(text.contains(want), "--help lacks {want}:\n{text}");
    }
}
