//! Short session ids as git abbreviates commits: the shortest prefix of the
//! id that no other session in the folder shares, and at least 8 characters.
//! uuid v7 ids begin with the creation time, so sessions started within a
//! minute of each other share their first 8 characters.

use uuid::Uuid;

pub const MIN_SHORT_ID: usize = 8;

fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

/// For each of `ids`, in the same order, its shortest unique prefix (at least
/// `MIN_SHORT_ID` characters, never ending in the `-` between groups).
pub fn short_ids(ids: &[Uuid]) -> Vec<String> {
    let texts: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    let mut sorted: Vec<&str> = texts.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    texts
        .iter()
        .map(|t| {
            let at = sorted.partition_point(|s| *s < t.as_str());
            let before = at.checked_sub(1).map_or(0, |i| common_prefix(sorted[i], t));
            // Past the entry itself and any exact duplicates of it.
            let after = sorted[at..]
                .iter()
                .find(|s| **s != t.as_str())
                .map_or(0, |s| common_prefix(s, t));
            let mut len = (before.max(after) + 1).max(MIN_SHORT_ID).min(t.len());
            if t.as_bytes().get(len - 1) == Some(&b'-') {
                len += 1;
            }
            t[..len].to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> Uuid {
        Uuid::parse_str(s).unwrap()
    }

    #[test]
    fn colliding_prefixes_grow_until_unique() {
        let ids = [
            id("01a24126-7f3a-7000-8000-000000000001"),
            id("01a24126-7f3b-7000-8000-000000000002"),
            id("02000000-0000-7000-8000-000000000003"),
        ];
        assert_eq!(
            short_ids(&ids),
            ["01a24126-7f3a", "01a24126-7f3b", "02000000"]
        );
    }

    #[test]
    fn a_prefix_never_ends_at_a_dash() {
        let ids = [
            id("01a24126-7f3a-7000-8000-000000000001"),
            id("01a24125-7f3a-7000-8000-000000000001"),
        ];
        assert_eq!(short_ids(&ids), ["01a24126", "01a24125"]);
        let ids = [
            id("01a24126-0000-7000-8000-000000000001"),
            id("01a24126-1000-7000-8000-000000000001"),
        ];
        assert_eq!(short_ids(&ids), ["01a24126-0", "01a24126-1"]);
    }
}
