//! Merging reviewer-owned fields (comments, status history) between two
//! versions of one session. Both lists only grow, so a union is exact: the
//! interviewer's autosave never erases a reviewer's comment, and a
//! reviewer's write carries nothing but comments and status changes.

use super::Session;

/// Add to `into` every comment and status change of `from` it lacks; the
/// status follows the latest change. Returns whether anything was added.
pub fn merge_review(into: &mut Session, from: &Session) -> bool {
    let mut changed = false;
    for c in &from.comments {
        if !into.comments.iter().any(|d| d.id == c.id) {
            into.comments.push(c.clone());
            changed = true;
        }
    }
    if changed {
        into.comments.sort_by(|a, b| {
            a.at.timestamp()
                .cmp(&b.at.timestamp())
                .then(a.id.cmp(&b.id))
        });
    }
    let mut history_changed = false;
    for h in &from.history {
        if !into.history.contains(h) {
            into.history.push(h.clone());
            history_changed = true;
        }
    }
    if history_changed {
        into.history.sort_by_key(|h| h.at.timestamp());
        if let Some(last) = into.history.last() {
            into.status = last.to;
        }
    }
    changed || history_changed
}
