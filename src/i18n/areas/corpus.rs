area! {
    /// Strings of the corpus area (`gehoor corpus list|show`).
    CorpusText {
        col_id,
        col_date,
        col_lang,
        col_sections,
        col_paragraphs,
        col_footnotes,
        footnotes_heading,
        confidential,
        paragraph_where,
        paragraph_page,
        empty_footnote,
        no_paragraphs,
        subsections,
        problems,
        problem_unplaced_footnote,
        problem_stray_footnote_text,
        problem_heading_out_of_order,
        problem_empty,
    }
}
