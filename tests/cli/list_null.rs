//! `--list -0`: rows a script can feed back, whatever the file names hold.

use crate::common::byline;
use std::os::unix::ffi::OsStrExt;

#[test]
fn list_null_writes_raw_paths_that_byline_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    // A newline, an escape and a byte that is not UTF-8 in one file name.
    let name = std::ffi::OsStr::from_bytes(b"odd\nname\x1b[2J\xff.txt");
    let path = dir.path().join(name);
    std::fs::write(
        &path,
        "Harbor lights switched off for the night\n\nThe quay went dark.\n",
    )
    .unwrap();
    let out = byline()
        .arg("--list")
        .arg("-0")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let rows: Vec<&[u8]> = out
        .stdout
        .split(|&b| b == 0)
        .filter(|r| !r.is_empty())
        .collect();
    assert_eq!(rows.len(), 1, "{:?}", String::from_utf8_lossy(&out.stdout));
    let fields: Vec<&[u8]> = rows[0].splitn(3, |&b| b == b'\t').collect();
    assert_eq!(fields[1], b"Harbor lights switched off for the night");
    assert_eq!(
        fields[2],
        path.as_os_str().as_bytes(),
        "the path comes back byte for byte"
    );
    // Fed back as a path, it names the same article.
    let back = std::ffi::OsStr::from_bytes(fields[2]);
    let again = byline().arg("--list").arg(back).output().unwrap();
    assert!(again.status.success(), "{again:?}");
    assert!(String::from_utf8_lossy(&again.stdout).contains("Harbor lights switched off"));
    // The plain list never lets the escape through.
    let plain = byline().arg("--list").arg(dir.path()).output().unwrap();
    assert!(
        !plain.stdout.contains(&0x1b),
        "no raw escape in the plain list"
    );
}
