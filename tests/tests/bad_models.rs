//! A generator binary over invalid models reports every problem and prints nothing.

use std::process::Command;

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("utf-8")
}

#[test]
fn bad_models_fail_with_every_problem_on_stderr_and_nothing_on_stdout() {
    for args in [
        &[][..],
        &["migrate", "--check"][..],
        &["migrate", "broken", "--dir", "/nonexistent/bad-models"][..],
    ] {
        every_problem(args);
    }
}

fn every_problem(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_bad-models"))
        .args(args)
        .output()
        .expect("run bad-models");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "stdout: {}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(
        err.contains("the models are not a valid schema (3 problems)"),
        "{err}"
    );
    assert!(
        err.contains("references shop.owner, which is not registered"),
        "{err}"
    );
    assert!(err.contains("index \"idx_widget_an_index_name_that_is_far_too_long_for_postgresql_to_keep\" on shop.widget: the name is 68 bytes"), "{err}");
    assert!(
        err.contains("check \"widget_owner_id_check\" on shop.widget: PostgreSQL's parser finds the expression \"owner_id >\" incomplete"),
        "{err}"
    );
}
