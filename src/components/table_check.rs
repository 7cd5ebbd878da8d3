//! The detection shown on the sheet itself: the first rows with what each is (title, header,
//! column numbers, data, total, footer, empty), and a click on a row number to correct where
//! the header starts and ends and where the table ends.

use super::ReportContext;
use crate::i18n::strings;
use attain_core::report::Lang;
use attain_core::session::Command;
use attain_core::table::{column_letter, Layout, RowKind};
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq)]
enum Mark {
    HeaderStart,
    HeaderEnd,
    BodyEnd,
}

fn kind_class(k: RowKind) -> &'static str {
    match k {
        RowKind::Title => "k-title",
        RowKind::Header => "k-header",
        RowKind::ColumnNumbers => "k-colnum",
        RowKind::Data => "k-data",
        RowKind::Total => "k-total",
        RowKind::Footer => "k-footer",
        RowKind::Empty => "k-empty",
    }
}

#[derive(Properties, PartialEq)]
pub struct TableCheckProps {
    pub lang: Lang,
}

#[function_component(TableCheck)]
pub fn table_check(props: &TableCheckProps) -> Html {
    let state = use_context::<ReportContext>();
    let mark = use_state(|| Mark::HeaderStart);
    // Drawn once opened (the worker sends the sheet's first and last rows with each answer).
    // The element stays the same `<details>`, so its open state stays the browser's.
    let open = use_state(|| false);
    let Some(state) = state else {
        return html! {};
    };
    let lang = props.lang;
    let s = strings(lang);
    let Some(Ok(table)) = &state.table else {
        return html! {};
    };
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::Element = e.target_unchecked_into();
            open.set(details.has_attribute("open"));
        })
    };
    if !*open {
        return html! {
            <details class="table-check" data-testid="table-check" {ontoggle}>
                <summary>{ s.table_check }</summary>
            </details>
        };
    }
    let preview = state.preview.clone();
    let kind_label = |k: RowKind| match k {
        RowKind::Title => s.kind_title,
        RowKind::Header => s.kind_header,
        RowKind::ColumnNumbers => s.kind_column_numbers,
        RowKind::Data => s.kind_data,
        RowKind::Total => s.kind_total,
        RowKind::Footer => s.kind_footer,
        RowKind::Empty => s.kind_empty,
    };
    let layout = table.layout;
    // The top of the sheet and its last rows: the header, and where the table ends.
    let n = preview.rows;
    let shown = &preview.shown;
    let columns = preview.columns;
    let radio = |m: Mark, label: &'static str, id: &'static str| {
        let mark = mark.clone();
        let checked = *mark == m;
        html! {
            <label class="mark">
                <input type="radio" name="table-check-mark" value={id} {checked}
                    data-testid={format!("mark-{id}")}
                    onchange={Callback::from(move |_| mark.set(m))} />
                { label }
            </label>
        }
    };
    let click_row = |i: usize| {
        let st = state.clone();
        let m = *mark;
        Callback::from(move |_| {
            let l = layout;
            let new = match m {
                Mark::HeaderStart => Layout {
                    header_start: i,
                    header_end: l.header_end.max(i + 1),
                    body_end: l.body_end.max(i + 2),
                },
                Mark::HeaderEnd => Layout {
                    header_start: l.header_start.min(i),
                    header_end: i + 1,
                    body_end: l.body_end.max(i + 2),
                },
                Mark::BodyEnd => Layout {
                    header_start: l.header_start.min(i),
                    header_end: l.header_end.min(i),
                    body_end: i + 1,
                },
            };
            super::command(&st, Command::SetLayout(new));
        })
    };
    html! {
        <details class="table-check" data-testid="table-check" {ontoggle}>
            <summary>{ s.table_check }</summary>
            <p class="hint">{ s.table_check_hint }</p>
            <div class="marks" role="radiogroup">
                { radio(Mark::HeaderStart, s.mark_header_start, "header-start") }
                { radio(Mark::HeaderEnd, s.mark_header_end, "header-end") }
                { radio(Mark::BodyEnd, s.mark_body_end, "body-end") }
            </div>
            <div class="preview-wrap">
                <table class="preview">
                    <thead>
                        <tr>
                            <th></th>
                            <th></th>
                            { for (0..columns).map(|c| html! { <th scope="col">{ column_letter(c) }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for shown.iter().enumerate().map(|(pos, (i, cells))| {
                            let i = *i;
                            let gap = pos > 0 && shown[pos - 1].0 + 1 != i;
                            let k = table.kinds.get(i).copied().unwrap_or(RowKind::Empty);
                            html! {
                                <>
                                if gap {
                                    <tr class="gap"><td colspan={(columns + 2).to_string()}>{ "…" }</td></tr>
                                }
                                <tr class={kind_class(k)} data-row={(i + 1).to_string()} data-kind={kind_class(k)}>
                                    <th scope="row">
                                        <button type="button" class="row-number" onclick={click_row(i)}
                                            title={format!("{} {}", s.rows_word, i + 1)}>{ i + 1 }</button>
                                    </th>
                                    <td class="kind">{ kind_label(k) }</td>
                                    { for cells.iter().map(|c| html! { <td>{ c }</td> }) }
                                </tr>
                                </>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if n > shown.len() {
                <p class="hint">{ s.preview_more }</p>
            }
        </details>
    }
}
