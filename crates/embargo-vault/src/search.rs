//! Full-text search inside the encrypted database (FTS5, accents and case folded).

use embargo_domain::Case;
use rusqlite::{Connection, Transaction, params};

use crate::VaultError;
use crate::projection::{CaseSummary, SUMMARY_COLUMNS, summary_from_row};

/// (Re)index one case under the rowid of its `cases` row.
pub(crate) fn index_case(tx: &Transaction<'_>, rowid: i64, case: &Case) -> Result<(), VaultError> {
    tx.prepare_cached("DELETE FROM case_search WHERE rowid = ?1")?
        .execute([rowid])?;
    let reporter = [
        &case.reporter.name,
        &case.reporter.email,
        &case.reporter.credit,
    ]
    .into_iter()
    .flatten()
    .cloned()
    .collect::<Vec<_>>()
    .join(" ");
    let messages = case
        .messages
        .iter()
        .map(|m| format!("{} {} {}", m.from, m.subject, m.body))
        .collect::<Vec<_>>()
        .join("\n");
    let notes = case
        .notes
        .iter()
        .map(|n| n.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut other = vec![case.human_id.to_string(), case.channel.clone()];
    other.extend(
        [&case.handler, &case.product, &case.cve_id, &case.cwe]
            .into_iter()
            .flatten()
            .cloned(),
    );
    other.extend(case.attachments.iter().map(|a| a.name.clone()));
    other.extend(case.checklist.iter().map(|i| i.text.clone()));
    other.extend(case.release_lines.iter().map(|l| l.line.clone()));
    tx.prepare_cached(
        "INSERT INTO case_search (rowid, title, reporter, messages, notes, other) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![rowid, case.title, reporter, messages, notes, other.join(" ")])?;
    Ok(())
}

/// Turn what a person typed into an FTS5 query that cannot be a syntax error:
/// every word becomes a quoted prefix term, all of which must match.
fn to_match_expression(query: &str) -> Option<String> {
    let terms: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| format!("\"{word}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

/// Cases matching every word of `query`, best first.
pub(crate) fn search(
    conn: &Connection,
    query: &str,
    limit: usize,
) -> Result<Vec<CaseSummary>, VaultError> {
    let Some(expression) = to_match_expression(query) else {
        return Ok(Vec::new());
    };
    let columns = SUMMARY_COLUMNS
        .split(", ")
        .map(|c| format!("c.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    // Rank and cut inside the FTS index first: joining every match to its (large)
    // case row before the LIMIT made common words cost 10x more.
    let mut stmt = conn.prepare_cached(&format!(
        "WITH best AS (
             SELECT rowid, bm25(case_search, 10.0, 5.0, 1.0, 1.0, 2.0) AS rank FROM case_search
             WHERE case_search MATCH ?1 ORDER BY rank LIMIT ?2
         )
         SELECT {columns} FROM best s JOIN cases c ON c.rowid = s.rowid ORDER BY s.rank"
    ))?;
    let rows = stmt.query_map(params![expression, limit as i64], summary_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::to_match_expression;

    #[test]
    fn user_input_never_reaches_fts_syntax() {
        assert_eq!(
            to_match_expression("path traversal"),
            Some("\"path\"* AND \"traversal\"*".into())
        );
        assert_eq!(
            to_match_expression("\"unbalanced OR NEAR("),
            Some("\"unbalanced\"* AND \"OR\"* AND \"NEAR\"*".into())
        );
        assert_eq!(to_match_expression("  -- "), None);
    }
}
