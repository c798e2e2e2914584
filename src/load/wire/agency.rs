//! News agencies: their names as bylines write them and the codes datelines put in brackets.

/// One agency: the name byline shows, the names bylines use, and its dateline codes.
struct Agency {
    canonical: &'static str,
    names: &'static [&'static str],
    codes: &'static [&'static str],
}

const AGENCIES: &[Agency] = &[
    Agency {
        canonical: "Associated Press",
        names: &["associated press", "the associated press"],
        codes: &["ap"],
    },
    Agency {
        canonical: "Reuters",
        names: &["reuters", "thomson reuters"],
        codes: &["reuters"],
    },
    Agency {
        canonical: "Agence France-Presse",
        names: &["agence france-presse", "agence france presse"],
        codes: &["afp"],
    },
    Agency {
        canonical: "United Press International",
        names: &["united press international"],
        codes: &["upi"],
    },
    Agency {
        canonical: "Bloomberg",
        names: &["bloomberg", "bloomberg news"],
        codes: &["bloomberg"],
    },
    Agency {
        canonical: "Deutsche Presse-Agentur",
        names: &["deutsche presse-agentur"],
        codes: &["dpa"],
    },
    Agency {
        canonical: "Canadian Press",
        names: &["canadian press", "the canadian press"],
        codes: &["cp"],
    },
    Agency {
        canonical: "Australian Associated Press",
        names: &["australian associated press"],
        codes: &["aap"],
    },
    Agency {
        canonical: "Press Association",
        names: &["press association", "pa media"],
        codes: &["pa"],
    },
    Agency {
        canonical: "Kyodo News",
        names: &["kyodo news", "kyodo"],
        codes: &["kyodo"],
    },
    Agency {
        canonical: "Xinhua",
        names: &["xinhua", "xinhua news agency"],
        codes: &["xinhua"],
    },
    Agency {
        canonical: "EFE",
        names: &["efe", "agencia efe"],
        codes: &["efe"],
    },
    Agency {
        canonical: "ANSA",
        names: &["ansa"],
        codes: &["ansa"],
    },
    Agency {
        canonical: "Yonhap",
        names: &["yonhap", "yonhap news agency"],
        codes: &["yonhap"],
    },
    Agency {
        canonical: "Press Trust of India",
        names: &["press trust of india"],
        codes: &["pti"],
    },
    Agency {
        canonical: "TASS",
        names: &["tass"],
        codes: &["tass"],
    },
];

/// Words after an agency code that make a byline part a staff title (`AP Business Writer`).
const ROLES: [&str; 7] = [
    "writer",
    "correspondent",
    "reporter",
    "editor",
    "staff",
    "journalist",
    "photographer",
];

/// The agency a byline part or a line names (`The Associated Press` → `Associated Press`).
pub(super) fn from_name(s: &str) -> Option<&'static str> {
    let t = s.trim().trim_end_matches('.');
    if t.len() > 40 {
        return None;
    }
    // Every name and code is ASCII, so an ASCII case-blind comparison needs no lower-cased copy.
    let is = |n: &&str| n.eq_ignore_ascii_case(t);
    AGENCIES
        .iter()
        .find(|a| a.names.iter().any(is) || a.codes.iter().any(is))
        .map(|a| a.canonical)
}

/// The agency of a staff title such as `AP Business Writer` or `Reuters correspondent`.
pub(super) fn from_role(s: &str) -> Option<&'static str> {
    let t = s.trim();
    if t.len() > 60 {
        return None;
    }
    let (name, role) = t.rsplit_once(' ')?;
    let role = role.strip_suffix(['s', 'S']).unwrap_or(role);
    if !ROLES.iter().any(|r| r.eq_ignore_ascii_case(role)) {
        return None;
    }
    // `Associated Press Writer` names the agency in full; `AP Business Writer` by its code.
    from_name(name).or_else(|| from_name(name.split_whitespace().next()?))
}

/// The agency a dateline bracket names: a known code (`AP`, `Reuters`, `AFP`) gives its full
/// name; an unknown one is kept as written.
pub(super) fn from_code(code: &str) -> Option<String> {
    let t = code.trim();
    if t.is_empty() {
        return None;
    }
    Some(from_name(t).map_or_else(|| t.to_string(), str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_codes_and_roles() {
        assert_eq!(from_name("The Associated Press"), Some("Associated Press"));
        assert_eq!(from_name("Reuters"), Some("Reuters"));
        assert_eq!(from_name("Jane Roe"), None);
        assert_eq!(from_code("AP").as_deref(), Some("Associated Press"));
        assert_eq!(from_code("AFP").as_deref(), Some("Agence France-Presse"));
        assert_eq!(from_code("KNS").as_deref(), Some("KNS"));
        assert_eq!(from_role("AP Business Writer"), Some("Associated Press"));
        assert_eq!(from_role("Port Authority Writer"), None);
        assert_eq!(
            from_role("Associated Press Writer"),
            Some("Associated Press")
        );
        assert_eq!(from_role("Reuters correspondents"), Some("Reuters"));
        assert_eq!(from_role("Reuters"), None);
    }
}
