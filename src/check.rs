//! Questionnaire diagnostics as values; rendering to text happens here, printing in the CLI.
