//! Every row of the sheet accounted for: how many fall in each bucket (header, body, totals,
//! title and footer, empty), the rows of each on request, the reason for each body row set
//! aside, and the warnings about the data.

use crate::i18n::{self, strings};
use crate::shared::Shared;
use attain_core::analysis::Analysis;
use attain_core::report::Lang;
use attain_core::table::{column_letter, Bucket};
use attain_core::Table;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RowAccountProps {
    pub table: Shared<Table>,
    pub analysis: Shared<Analysis>,
    pub lang: Lang,
}

/// "3–5, 9, 12–14"
fn ranges(rows: &[usize]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let start = rows[i];
        let mut end = start;
        while i + 1 < rows.len() && rows[i + 1] == end + 1 {
            i += 1;
            end = rows[i];
        }
        out.push(if end == start {
            start.to_string()
        } else {
            format!("{start}–{end}")
        });
        i += 1;
    }
    out.join(", ")
}

#[function_component(RowAccount)]
pub fn row_account(props: &RowAccountProps) -> Html {
    let lang = props.lang;
    let s = strings(lang);
    let (t, a) = (&props.table, &props.analysis);
    let rows_in = |b: Bucket| -> Vec<usize> {
        (0..t.kinds.len())
            .filter(|i| t.kinds[*i].bucket() == b)
            .map(|i| i + 1)
            .collect()
    };
    let summary = i18n::rows_summary(
        lang,
        t.source_rows(),
        t.bucket_count(Bucket::Data),
        t.bucket_count(Bucket::Total),
        t.bucket_count(Bucket::Header),
        t.bucket_count(Bucket::TitleFooter),
        t.bucket_count(Bucket::Empty),
    );
    let buckets = [
        (Bucket::Data, s.bucket_data, "data"),
        (Bucket::Total, s.bucket_total, "total"),
        (Bucket::Header, s.bucket_header, "header"),
        (Bucket::TitleFooter, s.bucket_title_footer, "title-footer"),
        (Bucket::Empty, s.bucket_empty, "empty"),
    ];
    let cell = |u: &attain_core::table::UnreadableCell| {
        format!("{}{} “{}”", column_letter(u.column), u.source_row, u.text)
    };
    html! {
        <section class="account">
            <details data-testid="row-account">
                <summary>{ format!("{}: {}", s.rows_heading, summary) }</summary>
                <ul class="buckets">
                    { for buckets.iter().map(|(b, label, id)| {
                        let rows = rows_in(*b);
                        html! {
                            <li data-bucket={*id} data-count={rows.len().to_string()}>
                                <strong>{ format!("{} {}", rows.len(), label) }</strong>
                                if !rows.is_empty() {
                                    { format!(" ({} {})", s.rows_word, ranges(&rows)) }
                                }
                            </li>
                        }
                    }) }
                </ul>
                if !a.skipped.is_empty() {
                    <ul>
                        { for a.skipped.iter().map(|r| html! {
                            <li>{ format!("{}: {}", i18n::row_label(lang, r.source_row), i18n::skip_reason(lang, &r.reason)) }</li>
                        }) }
                    </ul>
                }
            </details>
            if !a.warnings.is_empty() || !t.errors.is_empty() || !t.unreadable.is_empty() {
                <div class="warnings" data-testid="warnings">
                    <h2>{ s.warnings_heading }</h2>
                    <ul>
                        { for a.warnings.iter().map(|w| html! { <li>{ i18n::warning(lang, w) }</li> }) }
                        if !t.unreadable.is_empty() {
                            <li>{ format!("{} {}: {}", t.unreadable.len(), s.cells_unreadable,
                                t.unreadable.iter().take(20).map(cell).collect::<Vec<_>>().join(", ")) }</li>
                        }
                        if !t.errors.is_empty() {
                            <li>{ format!("{} {}: {}", t.errors.len(), s.cells_error,
                                t.errors.iter().take(20).map(cell).collect::<Vec<_>>().join(", ")) }</li>
                        }
                    </ul>
                </div>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::ranges;

    #[test]
    fn row_ranges() {
        assert_eq!(ranges(&[1, 2, 4, 5, 6, 9]), "1–2, 4–6, 9");
        assert_eq!(ranges(&[]), "");
    }
}
