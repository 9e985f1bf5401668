//! Every misuse of `#[pg(...)]` is a compile error under the offending token, with a message
//! that says what is allowed. The expected messages are the `.stderr` files beside each case.

#[test]
fn pg_attribute_misuse() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
