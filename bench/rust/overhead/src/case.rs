//! One case of the benchmark: the same question put to several
//! implementations. Their answers are cross-checked before anything is
//! timed (a benchmark of wrong answers would be worthless), then they are
//! measured interleaved (timing::measure_interleaved).

use std::fmt;
use std::time::Duration;
use timing::{measure_interleaved, repeat, Stats};

/// The library behind an implementation; the table's ratios divide by the
/// Regex and Pcre2Jit rows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Engine {
    Ferrex,
    Regex,
    Meta,
    Pcre2Jit,
}

/// What an implementation found, in full, for the cross-check.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Answer {
    IsMatch(bool),
    /// The first match's span.
    Find(Option<(usize, usize)>),
    /// Every match's span, in order.
    Matches(Vec<(usize, usize)>),
    /// Every group's span (group 0 first); None for no match.
    Groups(Option<Vec<Option<(usize, usize)>>>),
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Answer::IsMatch(b) => write!(f, "is_match = {b}"),
            Answer::Find(m) => write!(f, "first match {m:?}"),
            Answer::Matches(v) => {
                let (head, tail) = (&v[..v.len().min(3)], v.last());
                write!(f, "{} matches, first {head:?}, last {tail:?}", v.len())
            }
            Answer::Groups(g) => write!(f, "groups {g:?}"),
        }
    }
}

/// One implementation of a case's operation.
pub struct Imp<'a> {
    pub name: &'static str,
    pub engine: Engine,
    /// The full answer, computed once through the same API (untimed).
    pub answer: Answer,
    /// What the timed operation returned when run once (a count, 0/1, a
    /// sum of offsets): it must agree across implementations too.
    pub result: u64,
    /// The operation as a batch (timing::repeat), monomorphized around the
    /// operation so that no indirect call sits between two operations.
    pub batch: Box<dyn FnMut(u64) + 'a>,
}

impl<'a> Imp<'a> {
    /// Runs `op` once for its result, and keeps it as a batch for timing.
    pub fn new(name: &'static str, engine: Engine, answer: Answer, mut op: impl FnMut() -> u64 + 'a) -> Imp<'a> {
        let result = op();
        Imp { name, engine, answer, result, batch: Box::new(repeat(op)) }
    }

    /// As `new`, with the answer made from the operation's own result
    /// (when the result says it all: is-match, a packed span).
    pub fn from_result(
        name: &'static str,
        engine: Engine,
        to_answer: fn(u64) -> Answer,
        mut op: impl FnMut() -> u64 + 'a,
    ) -> Imp<'a> {
        let result = op();
        Imp { name, engine, answer: to_answer(result), result, batch: Box::new(repeat(op)) }
    }
}

/// One measured row of the table.
pub struct Row {
    pub case: String,
    pub imp: &'static str,
    pub engine: Engine,
    pub stats: Stats,
}

/// Cross-checks the implementations (answers, then the timed operation's
/// own result), then measures them interleaved within `budget`.
pub fn run(case: &str, mut imps: Vec<Imp<'_>>, budget: Duration) -> Result<Vec<Row>, String> {
    let first = &imps[0];
    let disagree = imps.iter().filter(|i| i.answer != first.answer).map(|i| i.name).collect::<Vec<_>>();
    if !disagree.is_empty() {
        let all = imps.iter().map(|i| format!("  {}: {}", i.name, i.answer)).collect::<Vec<_>>().join("\n");
        return Err(format!(
            "{case}: the implementations disagree ({} differ from {}):\n{all}",
            disagree.join(", "),
            first.name
        ));
    }
    if imps.iter().any(|i| i.result != first.result) {
        let all = imps.iter().map(|i| format!("  {}: {}", i.name, i.result)).collect::<Vec<_>>().join("\n");
        return Err(format!("{case}: the timed operations return different results:\n{all}"));
    }
    eprintln!("overhead: {case}: {} implementations agree ({}); measuring", imps.len(), first.answer);
    let mut batches: Vec<&mut timing::Batch<'_>> =
        imps.iter_mut().map(|i| &mut *i.batch as &mut timing::Batch<'_>).collect();
    let stats = measure_interleaved(&mut batches, budget);
    Ok(imps
        .iter()
        .zip(stats)
        .map(|(i, stats)| Row { case: case.to_string(), imp: i.name, engine: i.engine, stats })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_match(r: u64) -> Answer {
        Answer::IsMatch(r == 1)
    }

    #[test]
    fn disagreeing_answers_fail_before_timing() {
        let imps = vec![
            Imp::from_result("a", Engine::Ferrex, is_match, || 1),
            Imp::from_result("b", Engine::Regex, is_match, || 0),
        ];
        let err = run("t", imps, Duration::ZERO).err().expect("must fail");
        assert!(err.contains("disagree") && err.contains("b"), "{err}");
    }

    #[test]
    fn disagreeing_results_fail_before_timing() {
        let imps = vec![
            Imp::new("a", Engine::Ferrex, Answer::Find(None), || 1),
            Imp::new("b", Engine::Regex, Answer::Find(None), || 2),
        ];
        let err = run("t", imps, Duration::ZERO).err().expect("must fail");
        assert!(err.contains("different results"), "{err}");
    }

    #[test]
    fn agreeing_implementations_are_measured() {
        let imps = vec![
            Imp::from_result("a", Engine::Ferrex, is_match, || 1),
            Imp::from_result("b", Engine::Regex, is_match, || 1),
        ];
        let rows = run("t", imps, Duration::ZERO).expect("agree");
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r.stats.samples >= timing::MIN_SAMPLES));
    }
}
