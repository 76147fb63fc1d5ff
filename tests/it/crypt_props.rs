//! The decrypt-and-parse path on hostile input (issue 20): garbage, cut
//! off, tampered or sealed for someone else gives an error, never a panic,
//! and never a session other than the one that was sealed. The cargo-fuzz
//! target `fuzz/fuzz_targets/session_decrypt.rs` runs the same checks.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use age::x25519;
use gehoor::Error;
use gehoor::error::CryptoProblem;
use gehoor::i18n::Lang;
use gehoor::notes::store::open_bytes;
use gehoor::notes::{Codec, Keyring, ListEntry, Session, Store, crypt};
use gehoor::questionnaire::Value;
use proptest::prelude::*;

/// Ours (the reader) and a codec sealing for someone else only.
fn codecs() -> &'static (Codec, Codec) {
    static C: OnceLock<(Codec, Codec)> = OnceLock::new();
    C.get_or_init(|| {
        let ours = Codec::Sealed(Arc::new(Keyring::new(x25519::Identity::generate(), vec![])));
        let theirs = Codec::Sealed(Arc::new(Keyring::new(x25519::Identity::generate(), vec![])));
        (ours, theirs)
    })
}

fn session(note: &str) -> Session {
    let mut s = Session::new(
        "PROP-1",
        "Interviewer A",
        Lang::En,
        Vec::new(),
        &gehoor::notes::now(),
    );
    s.set_value(
        "summons.q",
        Some(Value::Text(note.into())),
        &gehoor::notes::now(),
    );
    s
}

fn problem(r: &Result<Session, Error>) -> Option<CryptoProblem> {
    match r {
        Err(Error::Crypto { problem, .. }) => Some(problem.clone()),
        _ => None,
    }
}

/// Through the store too: the list says unreadable instead of panicking.
fn listed_unreadable(bytes: &[u8]) -> bool {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("0195f0c2-0000-7000-8000-000000000000.toml"),
        bytes,
    )
    .unwrap();
    let store = Store::with_codec(dir.path().into(), codecs().0.clone());
    matches!(&store.list().unwrap()[..], [ListEntry::Unreadable { .. }])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn garbage_after_the_age_header_line_is_an_error(tail in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut bytes = crypt::AGE_MAGIC.to_vec();
        bytes.extend_from_slice(&tail);
        let r = open_bytes(&codecs().0, Path::new("g.toml"), &bytes);
        prop_assert!(r.is_err());
        prop_assert!(listed_unreadable(&bytes));
    }

    #[test]
    fn a_cut_off_sealed_session_is_an_error(note in "\\PC{0,200}", cut in any::<prop::sample::Index>()) {
        let (ours, _) = codecs();
        let p = Path::new("t.toml");
        let sealed = ours.seal(p, session(&note).to_toml().as_bytes()).unwrap().into_owned();
        let at = cut.index(sealed.len());
        let r = open_bytes(ours, p, &sealed[..at]);
        prop_assert!(r.is_err(), "cut at {} of {}", at, sealed.len());
        prop_assert!(listed_unreadable(&sealed[..at]));
    }

    #[test]
    fn a_tampered_sealed_session_is_refused_or_unchanged(
        note in "\\PC{0,200}",
        at in any::<prop::sample::Index>(),
        bits in 1u8..=255,
    ) {
        let (ours, _) = codecs();
        let p = Path::new("t.toml");
        let s = session(&note);
        let mut sealed = ours.seal(p, s.to_toml().as_bytes()).unwrap().into_owned();
        let i = at.index(sealed.len());
        sealed[i] ^= bits;
        if let Ok(back) = open_bytes(ours, p, &sealed) {
            prop_assert_eq!(back, s, "a changed byte changed the session");
        }
    }

    #[test]
    fn a_session_sealed_for_another_key_is_not_for_this_key(note in "\\PC{0,200}") {
        let (ours, theirs) = codecs();
        let p = Path::new("t.toml");
        let sealed = theirs.seal(p, session(&note).to_toml().as_bytes()).unwrap().into_owned();
        let r = open_bytes(ours, p, &sealed);
        prop_assert_eq!(problem(&r), Some(CryptoProblem::NotForThisKey));
        // And what is ours opens: the property is about keys, not luck.
        let mine = ours.seal(p, session(&note).to_toml().as_bytes()).unwrap().into_owned();
        prop_assert!(open_bytes(ours, p, &mine).is_ok());
    }
}

/// Found by the `session_decrypt` fuzz target: a byte changed in the first
/// line made a sealed file look plain, so it was reported as a TOML error.
/// Any change to that line now says the sealed file is damaged.
#[test]
fn a_damaged_first_line_is_a_damaged_sealed_file() {
    let (ours, _) = codecs();
    let p = Path::new("t.toml");
    let sealed = ours
        .seal(p, session("first line").to_toml().as_bytes())
        .unwrap()
        .into_owned();
    let first_line = sealed.iter().position(|b| *b == b'\n').unwrap();
    for i in 0..first_line {
        let mut bytes = sealed.clone();
        bytes[i] ^= 0x5a;
        let r = open_bytes(ours, p, &bytes);
        assert_eq!(problem(&r), Some(CryptoProblem::Damaged), "byte {i}: {r:?}");
        assert!(listed_unreadable(&bytes));
    }
}
