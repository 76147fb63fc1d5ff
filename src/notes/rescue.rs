//! The last resort when leaving with text the data folder would not take
//! (a full or read-only disk, then a closed window): the session is written
//! as an ordinary session file somewhere else, trying the copy folder the
//! interviewer was offered, then the home folder, then a fresh private
//! folder in the temp dir. The caller tells the user where it went, and
//! does not leave quietly when it went nowhere.

use std::path::{Path, PathBuf};

use super::Session;
use super::sealed::write_copy_with;
use crate::error::{Error, IoOp};
use crate::notes::Codec;

/// Where the session went, or every place tried and why each failed.
pub type Rescued = Result<PathBuf, Vec<(PathBuf, Error)>>;

/// Write `session` into the first of `copy_dir`, `home/gehoor-copies` and
/// a new `gehoor-rescue-*` folder under `temp` (each when given) that takes it, sealed by
/// `codec` like the store's own files (nothing lands in plain text when
/// encryption is on).
pub fn rescue(
    codec: &Codec,
    session: &Session,
    copy_dir: Option<&Path>,
    home: Option<&Path>,
    temp: Option<&Path>,
) -> Rescued {
    let mut tried = Vec::new();
    let candidates = copy_dir
        .map(Path::to_path_buf)
        .into_iter()
        .chain(home.map(|h| h.join("gehoor-copies")));
    for dir in candidates {
        if tried.iter().any(|(d, _)| *d == dir) {
            continue;
        }
        match write_copy_with(codec, &dir, session) {
            Ok(path) => return Ok(path),
            Err(e) => tried.push((dir, e)),
        }
    }
    let Some(temp) = temp else {
        return Err(tried);
    };
    // A fresh folder of our own: a name in a shared temp dir that someone
    // else created first must not receive the text.
    match tempfile::Builder::new()
        .prefix("gehoor-rescue-")
        .tempdir_in(temp)
    {
        Ok(dir) => {
            let dir = dir.keep();
            match write_copy_with(codec, &dir, session) {
                Ok(path) => return Ok(path),
                Err(e) => tried.push((dir, e)),
            }
        }
        Err(e) => tried.push((temp.to_path_buf(), Error::io(IoOp::CreateDir, temp, e))),
    }
    Err(tried)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn each_place_is_tried_in_turn() {
        let tmp = tempfile::tempdir().unwrap();
        let s = Session::new(
            "TEST-RESCUE",
            "A",
            Lang::En,
            Vec::new(),
            &crate::notes::now(),
        );
        let blocked = tmp.path().join("a-file");
        std::fs::write(&blocked, "x").unwrap();
        let home = tmp.path().join("home");
        let got = rescue(
            &Codec::Plain,
            &s,
            Some(&blocked.join("copies")),
            Some(&home),
            Some(tmp.path()),
        )
        .unwrap();
        assert_eq!(
            got,
            home.join("gehoor-copies").join(format!("{}.toml", s.id))
        );
        let got = rescue(&Codec::Plain, &s, None, Some(&blocked), Some(tmp.path())).unwrap();
        assert!(
            got.parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("gehoor-rescue-")
        );
        let tried = rescue(
            &Codec::Plain,
            &s,
            Some(&blocked),
            Some(&blocked),
            Some(&blocked),
        )
        .unwrap_err();
        assert_eq!(tried.len(), 3, "{tried:?}");
    }
}
