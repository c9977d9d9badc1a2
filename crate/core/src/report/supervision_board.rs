//! The supervision board (监督看板): every problem (问题) with where it stands, counted by status,
//! responsible party and category — the city's "found 50, rectified 50" view — and the joint tasks
//! and cases (联合监管任务、案件联办). The page, the CLI and npm read it from the report; none of
//! them decides a status.
//!
//! A problem's status follows its records in log time: a completed rectification (整改) by the
//! responsible side makes it `rectified`, the raiser's review (整改复核) `confirmed` or `reopened`
//! (with a new due date). Records that break the rules of who may do what (SUP-02, SUP-03,
//! SUP-04) stay in the history marked `counted: false` and do not move the status: the board
//! never shows a problem closed by someone who may not close it.

use crate::checks::Dataset;
use crate::kinds::problem::Problem;
use crate::kinds::rectification::{Rectification, RectificationStatus};
use crate::kinds::rectification_review::ReviewDecision;
use crate::kinds::supervision_task::{SupervisionTask, TaskMode};
use crate::kinds::{Actor, Body};
use crate::statement::log_department;
use crate::time::Date;
use crate::verify::VerifiedRecord;
use serde::Serialize;
use std::collections::BTreeMap;

/// Days before its due date at which an unanswered problem is "due soon" (临期).
pub const DUE_SOON_DAYS: i32 = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemStatus {
    /// 待整改
    Open,
    /// 临期
    DueSoon,
    /// 逾期
    Overdue,
    /// 已整改(待确认)
    Rectified,
    /// 已确认(销号)
    Confirmed,
    /// 重新整改
    Reopened,
}

impl ProblemStatus {
    pub const ALL: &'static [ProblemStatus] = &[
        ProblemStatus::Open,
        ProblemStatus::DueSoon,
        ProblemStatus::Overdue,
        ProblemStatus::Rectified,
        ProblemStatus::Confirmed,
        ProblemStatus::Reopened,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProblemStatus::Open => "open",
            ProblemStatus::DueSoon => "due_soon",
            ProblemStatus::Overdue => "overdue",
            ProblemStatus::Rectified => "rectified",
            ProblemStatus::Confirmed => "confirmed",
            ProblemStatus::Reopened => "reopened",
        }
    }

    /// Names for the page and the bulletins.
    pub fn name(self) -> crate::checks::Bilingual {
        let (zh, en) = match self {
            ProblemStatus::Open => ("待整改", "open"),
            ProblemStatus::DueSoon => ("临期", "due soon"),
            ProblemStatus::Overdue => ("逾期未整改", "overdue"),
            ProblemStatus::Rectified => ("已整改待确认", "rectified, awaiting confirmation"),
            ProblemStatus::Confirmed => ("已确认销号", "confirmed"),
            ProblemStatus::Reopened => ("重新整改", "reopened"),
        };
        crate::checks::Bilingual { zh, en }
    }
}

/// One step of a problem's history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    pub kind: &'static str,
    pub id: String,
    pub log: String,
    pub seq: u64,
    /// Where the record is in the verified input (global line number), for its raw line.
    pub line: u64,
    pub date: String,
    /// `completed` / `in_progress` for a rectification, `confirmed` / `reopened` for a review.
    pub state: Option<&'static str>,
    pub text: String,
    /// False when the record breaks a rule of who may do what, so the status ignores it.
    pub counted: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct BoardProblem {
    pub problem_id: String,
    pub status: ProblemStatus,
    /// Past its current due date with no completed rectification since it was (re)opened.
    pub overdue: bool,
    /// The department whose log signed the problem.
    pub raised_by: String,
    /// The responsible department id or unit USCC.
    pub responsible: String,
    /// The responsible department, when it is one (it answers in its own log).
    pub responsible_dept: Option<String>,
    pub category: &'static str,
    pub severity: &'static str,
    pub description: String,
    pub suggestion: Option<String>,
    pub compared: Option<String>,
    pub found_date: String,
    /// The current due date: the problem's own, or the last reopening's new one.
    pub due_date: String,
    pub project: Option<String>,
    pub task_id: Option<String>,
    pub check_id: Option<String>,
    /// Statement id of the (latest) problem record.
    pub id: String,
    /// The statements the problem cites (a finding's evidence).
    pub refs: Vec<String>,
    pub history: Vec<HistoryEntry>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Tally {
    pub found: u64,
    pub rectified: u64,
    pub confirmed: u64,
    pub overdue: u64,
}

impl Tally {
    fn add(&mut self, p: &BoardProblem) {
        self.found += 1;
        self.rectified += u64::from(matches!(p.status, ProblemStatus::Rectified | ProblemStatus::Confirmed));
        self.confirmed += u64::from(p.status == ProblemStatus::Confirmed);
        self.overdue += u64::from(p.overdue);
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ResponsibleTally {
    pub responsible: String,
    #[serde(flatten)]
    pub tally: Tally,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryTally {
    pub category: &'static str,
    #[serde(flatten)]
    pub tally: Tally,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct BoardCounts {
    #[serde(flatten)]
    pub total: Tally,
    pub by_status: BTreeMap<&'static str, u64>,
    pub by_responsible: Vec<ResponsibleTally>,
    pub by_category: Vec<CategoryTally>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BoardTask {
    pub task_id: String,
    pub title: String,
    pub mode: &'static str,
    pub lead_dept: String,
    pub participating_depts: Vec<String>,
    pub projects: Vec<String>,
    pub start_date: String,
    pub due_date: Option<String>,
    pub problems: u64,
    pub id: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Board {
    /// "Today" for deadlines: the latest log time in the bundle (None for an empty one).
    pub as_of: Option<String>,
    pub due_soon_days: i32,
    pub problems: Vec<BoardProblem>,
    pub counts: BoardCounts,
    pub tasks: Vec<BoardTask>,
    /// Sealed records (密封, docs/format.md §4.2) this run could not read: the board and the
    /// supervision checks cover only what was readable, and say so.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sealed: Vec<SealedItem>,
    /// Sealed records the caller opened with its keys: the board and the checks read them.
    #[serde(skip_serializing_if = "is_zero")]
    pub opened: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// A sealed record the board could not read: where it is and to whom it is sealed.
#[derive(Debug, Clone, Serialize)]
pub struct SealedItem {
    pub id: String,
    pub line: u64,
    pub log: String,
    pub seq: u64,
    pub kind: &'static str,
    pub to: Vec<String>,
    /// Why it stayed unread: `SEALED_NOT_OPENED` (no key was offered), `SEALED_NOT_RECIPIENT`
    /// (the keys offered are not among `to`), `SEALED_UNREADABLE` (sealed to a key offered, which
    /// could not open it: also a warning in the report).
    pub reason: &'static str,
}

/// Whether the rectification `r` is by the side responsible for `p` (SUP-02's rule).
fn rectified_by_responsible(r: &VerifiedRecord, x: &Rectification, p: &Problem) -> bool {
    x.rectified_by == p.responsible
        && match &p.responsible {
            Actor::Dept(d) => d.as_str() == log_department(&r.record.log),
            Actor::Unit(_) => true,
        }
}

fn entry(r: &VerifiedRecord, state: Option<&'static str>, text: &str, counted: bool) -> HistoryEntry {
    HistoryEntry {
        kind: r.record.kind.as_str(),
        id: r.id.to_hex(),
        log: r.record.log.clone(),
        seq: r.record.seq,
        line: r.line,
        date: r.record.body.event_date().to_string(),
        state,
        text: text.to_owned(),
        counted,
    }
}

fn board_problem(data: &Dataset, today: Option<Date>, r: &VerifiedRecord, p: &Problem) -> BoardProblem {
    let raiser = log_department(&r.record.log);
    let mut history = vec![entry(r, None, p.description.as_str(), true)];
    // The answers in log time (then bundle order): what happened when decides the status.
    let mut answers: Vec<&VerifiedRecord> = data
        .rectifications(p.problem_id.as_str())
        .map(|(a, _)| a)
        .chain(data.reviews(p.problem_id.as_str()).map(|(a, _)| a))
        .collect();
    crate::order::sort_by_key(&mut answers, |a| (a.record.time, a.line));
    let mut state = ProblemStatus::Open;
    let mut due = p.due_date;
    for a in answers {
        match &a.record.body {
            Body::Rectification(x) => {
                let counted = rectified_by_responsible(a, x, p);
                let done = x.status == RectificationStatus::Completed;
                if counted && done && state != ProblemStatus::Confirmed {
                    state = ProblemStatus::Rectified;
                }
                let s = if done { "completed" } else { "in_progress" };
                history.push(entry(a, Some(s), x.description.as_str(), counted));
            }
            Body::RectificationReview(x) => {
                // Only the raiser reviews (SUP-03), and only a rectification (SUP-04).
                let counted = log_department(&a.record.log) == raiser
                    && (x.decision == ReviewDecision::Reopened || state == ProblemStatus::Rectified);
                if counted {
                    match x.decision {
                        ReviewDecision::Confirmed => state = ProblemStatus::Confirmed,
                        ReviewDecision::Reopened => {
                            state = ProblemStatus::Reopened;
                            due = x.new_due_date.unwrap_or(due);
                        }
                    }
                }
                history.push(entry(a, Some(x.decision.as_str()), x.note.as_str(), counted));
            }
            _ => {}
        }
    }
    let unanswered = matches!(state, ProblemStatus::Open | ProblemStatus::Reopened);
    let overdue = unanswered && today.is_some_and(|t| t > due);
    if state == ProblemStatus::Open {
        if overdue {
            state = ProblemStatus::Overdue;
        } else if today.is_some_and(|t| due.0 - t.0 <= DUE_SOON_DAYS) {
            state = ProblemStatus::DueSoon;
        }
    }
    let responsible_dept = match &p.responsible {
        Actor::Dept(d) => Some(d.as_str().to_owned()),
        Actor::Unit(_) => None,
    };
    BoardProblem {
        problem_id: p.problem_id.as_str().to_owned(),
        status: state,
        overdue,
        raised_by: raiser.to_owned(),
        responsible: p.responsible.to_string(),
        responsible_dept,
        category: p.category.as_str(),
        severity: p.severity.as_str(),
        description: p.description.as_str().to_owned(),
        suggestion: p.suggestion.as_ref().map(|s| s.as_str().to_owned()),
        compared: p.compared.as_ref().map(|s| s.as_str().to_owned()),
        found_date: p.found_date.to_string(),
        due_date: due.to_string(),
        project: r.record.project.clone(),
        task_id: p.task_id.as_ref().map(|s| s.as_str().to_owned()),
        check_id: p.check_id.as_ref().map(|s| s.as_str().to_owned()),
        id: r.id.to_hex(),
        refs: r.record.refs.iter().map(|d| d.to_hex()).collect(),
        history,
    }
}

/// The board over the verified records of a dataset.
pub fn build(data: &Dataset) -> Board {
    let today = data.as_of_date();
    // A restated problem (same 问题编号) replaces the earlier record, as in SUP-01.
    let mut ids: Vec<&str> = data.all::<Problem>().map(|(_, p)| p.problem_id.as_str()).collect();
    crate::order::sort(&mut ids);
    ids.dedup();
    let problems: Vec<BoardProblem> =
        ids.into_iter().filter_map(|id| data.problem(id)).map(|(r, p)| board_problem(data, today, r, p)).collect();

    let mut counts = BoardCounts::default();
    for s in ProblemStatus::ALL {
        counts.by_status.insert(s.as_str(), 0);
    }
    let mut by_responsible: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut by_category: BTreeMap<&'static str, Tally> = BTreeMap::new();
    for p in &problems {
        counts.total.add(p);
        *counts.by_status.entry(p.status.as_str()).or_default() += 1;
        by_responsible.entry(&p.responsible).or_default().add(p);
        by_category.entry(p.category).or_default().add(p);
    }
    counts.by_responsible =
        by_responsible.into_iter().map(|(k, tally)| ResponsibleTally { responsible: k.to_owned(), tally }).collect();
    counts.by_category = by_category.into_iter().map(|(category, tally)| CategoryTally { category, tally }).collect();

    let mut tasks: BTreeMap<&str, (&VerifiedRecord, &SupervisionTask)> = BTreeMap::new();
    for (r, t) in data.all::<SupervisionTask>() {
        tasks.insert(t.task_id.as_str(), (r, t));
    }
    let tasks = tasks
        .into_values()
        .map(|(r, t)| BoardTask {
            task_id: t.task_id.as_str().to_owned(),
            title: t.title.as_str().to_owned(),
            mode: t.mode.unwrap_or(TaskMode::Task).as_str(),
            lead_dept: t.lead_dept.as_str().to_owned(),
            participating_depts: t.participating_depts.iter().map(|d| d.as_str().to_owned()).collect(),
            projects: t.projects.iter().map(|p| p.as_str().to_owned()).collect(),
            start_date: t.start_date.to_string(),
            due_date: t.due_date.map(|d| d.to_string()),
            problems: problems.iter().filter(|p| p.task_id.as_deref() == Some(t.task_id.as_str())).count() as u64,
            id: r.id.to_hex(),
        })
        .collect();
    let sealed = data
        .sealed()
        .map(|(r, b)| SealedItem {
            id: r.id.to_hex(),
            line: r.line,
            log: r.record.log.clone(),
            seq: r.record.seq,
            kind: r.record.kind.as_str(),
            to: b.to.clone(),
            reason: "SEALED_NOT_OPENED",
        })
        .collect();
    Board {
        as_of: today.map(|d| d.to_string()),
        due_soon_days: DUE_SOON_DAYS,
        problems,
        counts,
        tasks,
        sealed,
        opened: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;
    use crate::kinds::Kind;
    use serde_json::json;

    fn board(b: &TestBundle) -> Board {
        b.with_data(build)
    }

    fn status(b: &TestBundle) -> (ProblemStatus, bool, String) {
        let board = board(b);
        assert_eq!(board.problems.len(), 1, "{:?}", board.problems);
        let p = &board.problems[0];
        (p.status, p.overdue, p.due_date.clone())
    }

    #[test]
    fn follows_rectification_confirmation_and_reopening() {
        // The example problem: found 2024-03-20, due 2024-05-20, responsible unit OWNER, raised by jw.
        let mut b = TestBundle::new();
        b.add(Kind::Problem, json!({}));
        b.complete_to("2024-04-01T10:00:00+08:00");
        assert_eq!(status(&b).0, ProblemStatus::Open);

        let mut b = TestBundle::new();
        b.add(Kind::Problem, json!({}));
        b.complete_to("2024-05-15T10:00:00+08:00");
        assert_eq!(status(&b).0, ProblemStatus::DueSoon);

        let mut b = TestBundle::new();
        b.add(Kind::Problem, json!({}));
        b.complete_to("2024-06-01T10:00:00+08:00");
        assert_eq!(status(&b), (ProblemStatus::Overdue, true, "2024-05-20".into()));

        let mut b = TestBundle::new();
        b.complete_to("2024-05-16T00:00:00+08:00");
        b.add(Kind::Problem, json!({}));
        b.add(Kind::Rectification, json!({}));
        assert_eq!(status(&b).0, ProblemStatus::Rectified);
        b.add(Kind::RectificationReview, json!({}));
        // Reopened on 2024-05-15 with a new due date of 2024-06-15.
        assert_eq!(status(&b), (ProblemStatus::Reopened, false, "2024-06-15".into()));
        b.add_in(
            Kind::Rectification,
            Some(P),
            Some("2024-06-10T10:00:00+08:00"),
            json!({"rectification_date": "2024-06-10"}),
        );
        assert_eq!(status(&b).0, ProblemStatus::Rectified);
        b.add_in(
            Kind::RectificationReview,
            Some(P),
            Some("2024-06-12T10:00:00+08:00"),
            json!({"decision": "confirmed", "new_due_date": null, "review_date": "2024-06-12"}),
        );
        assert_eq!(status(&b).0, ProblemStatus::Confirmed);
        let board = board(&b);
        assert_eq!(board.problems[0].history.len(), 5);
        assert_eq!((board.counts.total.found, board.counts.total.rectified, board.counts.total.confirmed), (1, 1, 1));
        assert_eq!(board.counts.by_status["confirmed"], 1);
    }

    #[test]
    fn records_that_break_the_rules_do_not_move_the_status() {
        // A rectification by another unit (SUP-02) and a confirmation by another department (SUP-03).
        let mut b = TestBundle::new();
        b.complete_to("2024-04-01T00:00:00+08:00");
        b.add(Kind::Problem, json!({}));
        b.add(Kind::Rectification, json!({"rectified_by": {"unit": BIDDER_A}}));
        assert_eq!(status(&b).0, ProblemStatus::Open);
        b.add(Kind::Rectification, json!({}));
        b.add_in_log(Kind::RectificationReview, "sjj/main", json!({"decision": "confirmed", "new_due_date": null}));
        assert_eq!(status(&b).0, ProblemStatus::Rectified);
        let board = board(&b);
        let counted: Vec<bool> = board.problems[0].history.iter().map(|h| h.counted).collect();
        assert_eq!(counted, [true, false, true, false]);

        // A confirmation with no rectification before it (SUP-04).
        let mut b = TestBundle::new();
        b.complete_to("2024-04-01T00:00:00+08:00");
        b.add(Kind::Problem, json!({}));
        b.add(
            Kind::RectificationReview,
            json!({"decision": "confirmed", "new_due_date": null, "review_date": "2024-05-01"}),
        );
        assert_eq!(status(&b).0, ProblemStatus::Open);
    }

    #[test]
    fn a_reopened_problem_past_its_new_date_is_overdue() {
        let mut b = TestBundle::new();
        b.add(Kind::Problem, json!({}));
        b.add(Kind::Rectification, json!({}));
        b.add(Kind::RectificationReview, json!({}));
        b.complete_to("2024-07-01T10:00:00+08:00");
        assert_eq!(status(&b), (ProblemStatus::Reopened, true, "2024-06-15".into()));
        assert_eq!(board(&b).counts.total.overdue, 1);
    }

    #[test]
    fn tasks_count_their_problems() {
        let mut b = TestBundle::new();
        b.add(Kind::SupervisionTask, json!({"mode": "case"}));
        b.add(Kind::Problem, json!({"task_id": "JW-LH-2024-003"}));
        let board = board(&b);
        assert_eq!(board.tasks.len(), 1);
        assert_eq!((board.tasks[0].mode, board.tasks[0].problems), ("case", 1));
    }
}
