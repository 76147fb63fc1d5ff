//! The decrypt-and-parse path of an encrypted store (issue 20). The first
//! byte picks what the rest becomes:
//! - 0: the bytes as a file on disk (an age header line is put in front
//!   when the second byte is odd), opened with our key;
//! - 1: the rest sealed for our key, then cut off where the second byte says;
//! - 2: the rest sealed for our key, then one byte changed;
//! - 3: the rest sealed for another key.
//! Every case must give an error or (untouched input only) the same bytes,
//! never a panic, and the sessions list must not panic on the file either.
#![no_main]

use std::path::Path;
use std::sync::{Arc, OnceLock};

use age::x25519;
use gehoor::notes::store::open_bytes;
use gehoor::notes::{Codec, Keyring, Store, crypt};
use libfuzzer_sys::fuzz_target;

struct World {
    ours: Codec,
    theirs: Codec,
    dir: tempfile::TempDir,
}

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| World {
        ours: Codec::Sealed(Arc::new(Keyring::new(x25519::Identity::generate(), vec![]))),
        theirs: Codec::Sealed(Arc::new(Keyring::new(x25519::Identity::generate(), vec![]))),
        dir: tempfile::tempdir_in("/dev/shm")
            .or_else(|_| tempfile::tempdir())
            .expect("temp dir"),
    })
}

fuzz_target!(|data: &[u8]| {
    let w = world();
    let p = Path::new("f.toml");
    let (mode, arg, rest) = match data {
        [m, a, rest @ ..] => (*m % 4, *a, rest),
        _ => return,
    };
    let bytes: Vec<u8> = match mode {
        0 => {
            let mut b = if arg % 2 == 1 { crypt::AGE_MAGIC.to_vec() } else { Vec::new() };
            b.extend_from_slice(rest);
            b
        }
        1 | 2 => {
            let mut sealed = w.ours.seal(p, rest).expect("seal").into_owned();
            let at = usize::from(arg) * sealed.len() / 256;
            if mode == 1 {
                sealed.truncate(at);
                // Cut inside the first line, it no longer looks sealed and
                // is passed on as it is; as a session it is still an error.
                if let Ok(plain) = w.ours.open(p, &sealed) {
                    assert!(
                        !crypt::is_sealed(&sealed) && *plain == *sealed,
                        "a cut-off file opened"
                    );
                }
                assert!(open_bytes(&w.ours, p, &sealed).is_err(), "a cut-off file parsed");
            } else {
                sealed[at] ^= 0x5a;
                // Either the content is authentic, or the damaged file no
                // longer looks sealed and is passed on as it is on disk.
                if let Ok(plain) = w.ours.open(p, &sealed) {
                    assert!(
                        *plain == *rest || (*plain == *sealed && !crypt::is_sealed(&sealed)),
                        "a changed byte changed the content"
                    );
                }
            }
            sealed
        }
        _ => {
            let sealed = w.theirs.seal(p, rest).expect("seal").into_owned();
            assert!(w.ours.open(p, &sealed).is_err(), "another key's file opened");
            sealed
        }
    };
    let _ = open_bytes(&w.ours, p, &bytes);
    let path = w.dir.path().join("0195f0c2-0000-7000-8000-000000000000.toml");
    std::fs::write(&path, &bytes).expect("write input");
    let store = Store::with_codec(w.dir.path().to_path_buf(), w.ours.clone());
    assert_eq!(store.list().expect("list").len(), 1);
});
