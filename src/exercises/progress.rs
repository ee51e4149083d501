//! A student's progress, kept by the panel in localStorage: per exercise (kind, level, seed)
//! what was typed, how many wrong answers were committed, whether it was solved or its
//! solution shown. Pure data with its JSON form, so it is tested on the host.

use super::Kind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The most exercises remembered; the oldest are forgotten first.
pub const MAX_RECORDS: usize = 300;
/// Typed texts longer than this are cut before storing (a cell is a number, not an essay).
const MAX_TEXT: usize = 64;

/// One exercise's progress.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Record {
    /// The typed answers, one per blank, as typed.
    pub answers: Vec<String>,
    /// Wrong answers committed (a cell left, or Enter pressed, with a wrong number).
    pub attempts: u32,
    /// Every blank right, without the solution shown first.
    pub solved: bool,
    /// The solution was shown.
    pub revealed: bool,
    /// Hint steps taken.
    pub hints: u32,
    /// When it was last changed, on the book's own clock (for forgetting the oldest).
    pub t: u64,
}

impl Record {
    /// True when the student has done anything with this exercise.
    pub fn touched(&self) -> bool {
        self.attempts > 0 || self.solved || self.revealed || self.hints > 0 || self.answers.iter().any(|a| !a.trim().is_empty())
    }
}

/// Every remembered exercise, by `key`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Book {
    pub records: BTreeMap<String, Record>,
    pub clock: u64,
}

/// The key of one exercise: `conv:2:12345`.
pub fn key(kind: Kind, level: u8, seed: u32) -> String {
    format!("{}:{level}:{seed}", kind.id())
}

/// Progress of one kind, for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindSummary {
    pub kind: Kind,
    pub tried: usize,
    pub solved: usize,
    pub attempts: u32,
}

impl Book {
    /// Reads the stored JSON; anything unreadable (another version, a hand edit) is an
    /// empty book rather than an error: progress is a convenience, never a crash.
    pub fn from_json(text: &str) -> Book {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    pub fn get(&self, key: &str) -> Option<&Record> {
        self.records.get(key)
    }

    /// Stores `record` under `key` (texts cut to size), forgetting the oldest beyond the limit.
    pub fn put(&mut self, key: &str, mut record: Record) {
        self.clock += 1;
        record.t = self.clock;
        record.answers.truncate(MAX_TEXT);
        for a in &mut record.answers {
            if a.chars().count() > MAX_TEXT {
                *a = a.chars().take(MAX_TEXT).collect();
            }
        }
        self.records.insert(key.to_string(), record);
        while self.records.len() > MAX_RECORDS {
            let oldest = self.records.iter().min_by_key(|(_, r)| r.t).map(|(k, _)| k.clone());
            match oldest {
                Some(k) => self.records.remove(&k),
                None => break,
            };
        }
    }

    /// Per kind, in the lecture's order: exercises tried, solved, wrong answers committed.
    pub fn summary(&self) -> Vec<KindSummary> {
        Kind::ALL
            .iter()
            .map(|&kind| {
                let prefix = format!("{}:", kind.id());
                let mine = self.records.iter().filter(|(k, r)| k.starts_with(&prefix) && r.touched());
                let (mut tried, mut solved, mut attempts) = (0, 0, 0);
                for (_, r) in mine {
                    tried += 1;
                    solved += usize::from(r.solved);
                    attempts += r.attempts;
                }
                KindSummary { kind, tried, solved, attempts }
            })
            .collect()
    }
}
