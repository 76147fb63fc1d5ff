//! The one parser of source references, the strings questionnaires cite
//! and notes store: `DOC`, `DOC#1.2.3`, `DOC#1.2.3/p4` or `DOC#p4`.

/// A reference split into its parts. Splitting never fails: a malformed
/// part is kept as written, and `is_well_formed` says whether the whole
/// follows the grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ref<'a> {
    pub doc: &'a str,
    /// `1.2.3`, without the document.
    pub section: Option<&'a str>,
    /// `p4`, as written.
    pub paragraph: Option<&'a str>,
}

impl<'a> Ref<'a> {
    pub fn split(reference: &'a str) -> Ref<'a> {
        let (doc, rest) = match reference.split_once('#') {
            Some((d, r)) => (d, Some(r)),
            None => (reference, None),
        };
        let (section, paragraph) = match rest {
            None => (None, None),
            Some(r) => match r.rsplit_once('/') {
                Some((s, p)) => (Some(s), Some(p)),
                None if is_paragraph(r) => (None, Some(r)),
                None => (Some(r), None),
            },
        };
        Ref {
            doc,
            section,
            paragraph,
        }
    }

    /// Lowercase document id; numeric section components; `p` and a number.
    pub fn is_well_formed(&self) -> bool {
        let doc_ok = !self.doc.is_empty()
            && self
                .doc
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        let section_ok = self.section.is_none_or(|s| s.split('.').all(is_number));
        let paragraph_ok = self.paragraph.is_none_or(is_paragraph);
        let has_tail = self.section.is_some() || self.paragraph.is_some();
        doc_ok && section_ok && paragraph_ok && (has_tail || !self.doc.contains('#'))
    }

    /// The 1-based paragraph number, when the ref names a paragraph.
    pub fn paragraph_number(&self) -> Option<usize> {
        self.paragraph?.strip_prefix('p')?.parse().ok()
    }

    /// The ref of the section this one lies in (`DOC#1.1.3` for
    /// `DOC#1.1.3/p2`); the document for a ref without a section.
    pub fn section_ref(&self) -> String {
        match self.section {
            Some(s) => format!("{}#{s}", self.doc),
            None => self.doc.to_string(),
        }
    }
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_paragraph(s: &str) -> bool {
    s.strip_prefix('p').is_some_and(is_number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_splits_into_its_parts() {
        let r = Ref::split("ambtsbericht-rf-2025#1.1.3/p2");
        assert_eq!(
            (r.doc, r.section, r.paragraph),
            ("ambtsbericht-rf-2025", Some("1.1.3"), Some("p2"))
        );
        assert_eq!(r.paragraph_number(), Some(2));
        assert_eq!(r.section_ref(), "ambtsbericht-rf-2025#1.1.3");
        let r = Ref::split("brief#p4");
        assert_eq!((r.section, r.paragraph_number()), (None, Some(4)));
        assert_eq!(r.section_ref(), "brief");
        let r = Ref::split("doc#2.5");
        assert_eq!((r.section, r.paragraph), (Some("2.5"), None));
        assert_eq!(Ref::split("doc").section, None);
    }

    #[test]
    fn the_grammar_is_checked() {
        for ok in [
            "a",
            "a#1.2",
            "a#1.2/p3",
            "a#p4",
            "ambtsbericht-rf-2025#1.1.3",
        ] {
            assert!(Ref::split(ok).is_well_formed(), "{ok}");
        }
        for bad in ["", "A#1", "a#", "a#1.", "a#1/3", "a#x", "a b"] {
            assert!(!Ref::split(bad).is_well_formed(), "{bad}");
        }
    }
}
