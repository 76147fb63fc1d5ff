//! `show_if` expressions: parse arbitrary text at an arbitrary base offset;
//! errors and every span must stay inside the expression, and a parsed
//! expression must evaluate (on no answers and on some) and list its refs.
#![no_main]

use gehoor::questionnaire::expr::parse;
use gehoor::questionnaire::{Scope, Value};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/support/fuzzing.rs"]
mod fuzzing;

use fuzzing::{All, NoAnswers};

fuzz_target!(|input: (u16, &str)| {
    let (base, src) = input;
    let base = usize::from(base);
    let within = |r: &std::ops::Range<usize>| {
        r.start <= r.end && r.start >= base && r.end <= base + src.len()
    };
    match parse(src, base) {
        Err(e) => assert!(
            within(&e.span),
            "error span {:?} outside {base}+{}",
            e.span,
            src.len()
        ),
        Ok(expr) => {
            assert!(within(&expr.span));
            for r in expr.refs() {
                assert!(within(&r.span), "ref span {:?}", r.span);
            }
            let scope = Scope {
                questionnaire: "summons",
                instance: Some(0),
            };
            let _ = expr.eval(&NoAnswers, &scope);
            for v in [
                Value::YesNo(true),
                Value::Number(2023.0),
                Value::Text("Post".into()),
                Value::Choices(vec!["post".into()]),
                Value::Date("2023-04".parse().expect("date")),
            ] {
                let _ = expr.eval(&All(v), &scope);
            }
            // The display form is what `check` prints; it must parse again,
            // except that its added parentheses may pass the depth limit.
            let shown = expr.to_string();
            if let Err(e) = parse(&shown, 0) {
                assert_eq!(
                    e.code.as_str(),
                    "expr_too_deep",
                    "{shown:?} does not parse again: {e:?}"
                );
            }
        }
    }
});
