//! Two writers of the interviewer's part of one session (a second window on
//! the same session after its lock file was deleted, a copy on a shared
//! folder): each save merges against the version this writer last saw, so
//! neither overwrites the other's answer. A field both changed, differently,
//! is a conflict and nothing is written.

use std::collections::BTreeMap;

use super::{Session, Status};

/// The session without what reviewers own (comments, status, history) and
/// the `updated` stamp every edit bumps: the interviewer's record.
fn interviewer_part(s: &Session) -> Session {
    let mut s = s.clone();
    s.comments.clear();
    s.history.clear();
    s.status = Status::Draft;
    s.updated = s.created.clone();
    s
}

/// Whether two versions hold the same interviewer's record.
pub fn same_record(a: &Session, b: &Session) -> bool {
    interviewer_part(a) == interviewer_part(b)
}

/// `ours` keeps its change where `disk` kept `base`'s value, takes `disk`'s
/// where ours kept base's; `false` when both changed it differently.
fn pick<T: PartialEq + Clone>(ours: &mut T, base: &T, disk: &T) -> bool {
    if ours == disk || disk == base {
        return true;
    }
    if ours == base {
        *ours = disk.clone();
        return true;
    }
    false
}

fn pick_map<V: PartialEq + Clone>(
    ours: &mut BTreeMap<String, V>,
    base: &BTreeMap<String, V>,
    disk: &BTreeMap<String, V>,
) -> bool {
    let keys: Vec<String> = ours
        .keys()
        .chain(base.keys())
        .chain(disk.keys())
        .cloned()
        .collect();
    let mut ok = true;
    for k in keys {
        let mut o = ours.get(&k).cloned();
        ok &= pick(&mut o, &base.get(&k).cloned(), &disk.get(&k).cloned());
        match o {
            Some(v) => ours.insert(k, v),
            None => ours.remove(&k),
        };
    }
    ok
}

/// Bring into `ours` what another writer changed in the interviewer's part
/// since `base`. `false` (and `ours` partly merged, to be dropped) when the
/// same answer or field was changed on both sides.
pub fn merge(ours: &mut Session, base: &Session, disk: &Session) -> bool {
    let mut ok = true;
    ok &= pick(&mut ours.case_ref, &base.case_ref, &disk.case_ref);
    ok &= pick(&mut ours.interviewer, &base.interviewer, &disk.interviewer);
    ok &= pick(&mut ours.lang, &base.lang, &disk.lang);
    ok &= pick(&mut ours.note, &base.note, &disk.note);
    ok &= pick(
        &mut ours.questionnaires,
        &base.questionnaires,
        &disk.questionnaires,
    );
    ok &= pick_map(&mut ours.groups, &base.groups, &disk.groups);
    ok &= pick_map(&mut ours.answers, &base.answers, &disk.answers);
    // Archived answers only ever grow: keep every one either side has.
    for r in &disk.removed {
        if !ours.removed.contains(r) {
            ours.removed.push(r.clone());
        }
    }
    if disk.updated.timestamp() > ours.updated.timestamp() {
        ours.updated = disk.updated.clone();
    }
    ok
}
