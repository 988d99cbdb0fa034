//! The link check resolves every function of mtml.h in the linked libmtml.

use mtml_ctests::{link_check_program, run, FUNCTION_COUNT};

#[test]
fn every_function_of_the_header_resolves() {
    let result = run(link_check_program(), &[], &[]).expect("the link check runs");
    assert_eq!(
        result.last_line(),
        format!("resolved {FUNCTION_COUNT}/{FUNCTION_COUNT} functions"),
        "{}{}",
        result.stdout,
        result.stderr
    );
    assert_eq!(result.code, Some(0));
    assert_eq!(result.lines_starting("ok ").len(), FUNCTION_COUNT);
    assert!(result.lines_starting("MISSING").is_empty());
}

#[test]
fn the_function_list_matches_the_header() {
    let header = std::fs::read_to_string(mtml_ctests::header_dir().join("mtml.h"))
        .expect("mtml.h is readable");
    let list = include_str!("../c/mtml_functions.h");
    let listed: Vec<&str> = list
        .lines()
        .filter_map(|l| l.strip_prefix("MTML_FUNCTION(mtml")?.strip_suffix(')'))
        .collect();
    assert_eq!(listed.len(), FUNCTION_COUNT);
    for name in &listed {
        let declared =
            header.contains(&format!(" mtml{name}(")) || header.contains(&format!("*mtml{name}("));
        assert!(declared, "mtml{name} is declared in mtml.h");
    }
    let declared =
        header.matches("MTML_API mtml").count() + header.matches("MTML_API char *mtml").count();
    assert_eq!(declared, FUNCTION_COUNT, "functions declared in mtml.h");
}

#[cfg(not(windows))]
#[test]
fn the_simulator_lists_the_same_functions() {
    let list = include_str!("../c/mtml_functions.h");
    let mut listed: Vec<&str> = list
        .lines()
        .filter_map(|l| l.strip_prefix("MTML_FUNCTION(")?.strip_suffix(')'))
        .collect();
    let mut simulated = mtml_sim::function_names();
    listed.sort_unstable();
    simulated.sort_unstable();
    assert_eq!(simulated, listed);
}
