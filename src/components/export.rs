//! The exports: the results as CSV, Excel and a standalone HTML report (the report in the
//! worker writes the bytes), and each chart as SVG or PNG.

use crate::i18n::strings;
use crate::web;
use attain_core::report::official::Letterhead;
use attain_core::report::Lang;
use attain_core::session::{ExportKind, Query, Reply};
use yew::prelude::*;

/// The results' exports, each a button drawn from this list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// `attain-results.csv` (the test contract in README).
    Csv,
    /// `attain-results.xlsx`: the computed columns as numbers in Excel's own formats (rates as
    /// percentages, counts with thousands), one sheet per indicator's rows plus the warnings
    /// and the summary (the engine's `report::xlsx`, the same as the command line).
    Xlsx,
    /// One HTML file with the summary, every chart as drawn and the whole table: no script,
    /// no external reference, to mail or archive.
    Html,
    /// The report in the layout offices send upward, as an Excel sheet (`report::official`).
    Official,
    /// The same report as a Word document, with the main chart as a picture.
    Word,
}

impl Export {
    pub const ALL: [Export; 3] = [Export::Csv, Export::Xlsx, Export::Html];

    fn file(self) -> &'static str {
        match self {
            Export::Csv => "attain-results.csv",
            Export::Xlsx => "attain-results.xlsx",
            Export::Html => "attain-report.html",
            Export::Official => "attain-bao-cao.xlsx",
            Export::Word => "attain-bao-cao.docx",
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Export::Csv => "text/csv;charset=utf-8",
            Export::Xlsx | Export::Official => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            Export::Html => "text/html;charset=utf-8",
            Export::Word => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        }
    }

    fn testid(self) -> &'static str {
        match self {
            Export::Csv => "export-csv",
            Export::Xlsx => "export-xlsx",
            Export::Html => "export-html",
            Export::Official => "export-official",
            Export::Word => "export-word",
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        let s = strings(lang);
        match self {
            Export::Csv => s.export_csv,
            Export::Xlsx => s.export_xlsx,
            Export::Html => s.export_html,
            Export::Official => s.export_official,
            Export::Word => s.export_word,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ExportProps {
    pub kind: Export,
    /// The indicator shown (first in the HTML report).
    pub indicator: usize,
    /// The deadline the summary speaks of.
    pub deadline: Option<attain_core::dates::Date>,
    pub file_name: AttrValue,
    pub lang: Lang,
    /// The agency, title and signers of the official report.
    #[prop_or_default]
    pub letterhead: Letterhead,
}

/// One export's button: the report in the worker writes the bytes, the browser downloads
/// them; a writer that fails says so in the user's language, its cause behind "Details".
#[function_component(ExportButton)]
pub fn export_button(props: &ExportProps) -> Html {
    // The last download's object URL, kept alive until the next one.
    let url = use_mut_ref(|| None::<gloo::file::ObjectUrl>);
    let failed = use_state(|| None::<String>);
    let lang = props.lang;
    let kind = props.kind;
    let onclick = {
        let (indicator, deadline, file_name) =
            (props.indicator, props.deadline, props.file_name.to_string());
        let fail = failed.clone();
        let letterhead = props.letterhead.clone();
        Callback::from(move |_| {
            let ask = {
                let (fail, url, file_name) = (fail.clone(), url.clone(), file_name.clone());
                let letterhead = letterhead.clone();
                move |picture| {
                    let query = Query::Export {
                        kind: match kind {
                            Export::Csv => ExportKind::Csv,
                            Export::Xlsx => ExportKind::Xlsx,
                            Export::Html => ExportKind::Html,
                            Export::Official => ExportKind::Official,
                            Export::Word => ExportKind::Word,
                        },
                        indicator,
                        lang,
                        deadline,
                        file_name,
                        // The charts as drawn, for the HTML report.
                        charts: if kind == Export::Html {
                            web::chart_svgs()
                        } else {
                            Vec::new()
                        },
                        letterhead,
                        dated: web::today(),
                        picture,
                    };
                    crate::reader::ask(query, move |reply| match reply {
                        Some(Reply::Export(Ok(bytes))) => {
                            fail.set(None);
                            *url.borrow_mut() = web::download(kind.file(), kind.mime(), &bytes);
                        }
                        Some(Reply::Export(Err(detail))) => fail.set(Some(detail)),
                        _ => fail.set(Some("the reader's reply could not be decoded".into())),
                    });
                }
            };
            if kind == Export::Word {
                // The main chart as the page drew it, as a picture in the document.
                yew::platform::spawn_local(async move { ask(web::main_chart_png().await) });
            } else {
                ask(None);
            }
        })
    };
    let class = if kind == Export::Csv {
        "button primary"
    } else {
        "button"
    };
    html! { <>
        <button type="button" {class} data-testid={kind.testid()} {onclick}>{ kind.label(lang) }</button>
        if let Some(detail) = &*failed {
            <span class="export-failed" role="alert">
                { attain_core::report::messages::export_failed(lang) }
                <crate::components::details::Details {lang} detail={detail.clone()} />
            </span>
        }
    </> }
}

#[derive(Properties, PartialEq)]
pub struct CopyTableProps {
    pub lang: Lang,
}

/// "Chép bảng": the results table on the clipboard as HTML (Excel, Word and mail keep a table)
/// and as tab-separated text (a chat keeps the columns); where the browser refuses, says so.
#[function_component(CopyTable)]
pub fn copy_table(props: &CopyTableProps) -> Html {
    let status = use_state(|| None::<&'static str>);
    let lang = props.lang;
    let s = strings(lang);
    let onclick = {
        let status = status.clone();
        let (ok, refused) = (s.table_copied, s.copy_refused);
        Callback::from(move |_| {
            let status = status.clone();
            crate::reader::ask(Query::Copy { lang }, move |reply| {
                let Some(Reply::Copy { html, text }) = reply else {
                    return status.set(Some(refused));
                };
                let status = status.clone();
                yew::platform::spawn_local(async move {
                    let items = [
                        ("text/html", html.as_bytes()),
                        ("text/plain", text.as_bytes()),
                    ];
                    let copied = web::copy_items(&items).await || web::copy_text(&text).await;
                    status.set(Some(if copied { ok } else { refused }));
                });
            });
        })
    };
    html! { <>
        <button type="button" class="button" data-testid="copy-table" {onclick}>{ s.copy_table }</button>
        <span role="status" class="copy-status" data-testid="copy-table-status">{ status.unwrap_or("") }</span>
    </> }
}

#[derive(Properties, PartialEq)]
pub struct ChartExportProps {
    /// The chart's element id: its SVG is the one exported.
    pub chart: AttrValue,
    /// The file name without extension.
    pub file: AttrValue,
    /// The SVG's size (its viewBox), for the PNG.
    pub width: f64,
    pub height: f64,
    /// The language of the page.
    pub lang: Lang,
}

/// "SVG" and "PNG" under a chart: the chart as drawn, as a standalone SVG file (its styles
/// inside) or as a PNG the browser draws from that SVG at twice the size.
#[function_component(ChartExport)]
pub fn chart_export(props: &ChartExportProps) -> Html {
    let url = use_mut_ref(|| None::<gloo::file::ObjectUrl>);
    let s = strings(props.lang);
    let selector = format!("#{} svg", props.chart);
    let svg_file = move || {
        web::outer_html(&selector).and_then(|svg| attain_core::report::html::standalone_svg(&svg))
    };
    let on_svg = {
        let (file, url, svg_file) = (props.file.clone(), url.clone(), svg_file.clone());
        Callback::from(move |_| {
            if let Some(svg) = svg_file() {
                *url.borrow_mut() =
                    web::download(&format!("{file}.svg"), "image/svg+xml", svg.as_bytes());
            }
        })
    };
    let on_png = {
        let (file, w, h) = (props.file.clone(), props.width, props.height);
        let svg_file = svg_file.clone();
        Callback::from(move |_| {
            let Some(svg) = svg_file() else { return };
            let file = file.clone();
            yew::platform::spawn_local(async move {
                if let Some(data) = web::svg_to_png(&svg, w, h).await {
                    web::download_url(&format!("{file}.png"), &data);
                }
            });
        })
    };
    let copied = use_state(|| None::<&'static str>);
    let on_copy = {
        let (w, h, copied) = (props.width, props.height, copied.clone());
        let (ok, refused) = (s.chart_copied, s.copy_refused);
        Callback::from(move |_| {
            let Some(svg) = svg_file() else { return };
            let copied = copied.clone();
            yew::platform::spawn_local(async move {
                let png = match web::svg_to_png(&svg, w, h).await {
                    Some(data) => web::png_of_data_url(&data),
                    None => None,
                };
                let done = match png {
                    Some(png) => web::copy_items(&[("image/png", &png)]).await,
                    None => false,
                };
                copied.set(Some(if done { ok } else { refused }));
            });
        })
    };
    html! {
        <span class="chart-export">
            <button type="button" class="link" data-testid="export-svg" title={s.export_svg} onclick={on_svg}>{ "SVG" }</button>
            <button type="button" class="link" data-testid="export-png" title={s.export_png} onclick={on_png}>{ "PNG" }</button>
            <button type="button" class="link" data-testid="copy-chart" onclick={on_copy}>{ s.copy }</button>
            <span role="status" class="copy-status" data-testid="copy-chart-status">{ copied.unwrap_or("") }</span>
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct OfficialProps {
    /// The indicator shown.
    pub indicator: usize,
    /// The deadline the summary speaks of.
    pub deadline: Option<attain_core::dates::Date>,
    pub file_name: AttrValue,
    pub lang: Lang,
}

/// The report sent upward: the official Excel sheet and the Word report, and under them the
/// letterhead (agency, title, place, signers), remembered on this computer when the user asks.
#[function_component(OfficialExport)]
pub fn official_export(props: &OfficialProps) -> Html {
    let kept = use_state(web::load_letterhead);
    let letterhead = use_state(|| (*kept).clone().unwrap_or_default());
    let lang = props.lang;
    let s = strings(lang);
    let field =
        |label: &'static str, testid: &'static str, get: fn(&mut Letterhead) -> &mut String| {
            let value = get(&mut (*letterhead).clone()).clone();
            let oninput = {
                let letterhead = letterhead.clone();
                Callback::from(move |e: InputEvent| {
                    let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                    let mut next = (*letterhead).clone();
                    *get(&mut next) = input.value();
                    letterhead.set(next);
                })
            };
            html! {
                <label>{ label }<input type="text" {value} {oninput} data-testid={testid} /></label>
            }
        };
    let remember = {
        let (letterhead, kept) = (letterhead.clone(), kept.clone());
        Callback::from(move |_| {
            web::save_letterhead(Some(&*letterhead));
            kept.set(Some((*letterhead).clone()));
        })
    };
    let forget = {
        let kept = kept.clone();
        Callback::from(move |_| {
            web::save_letterhead(None);
            kept.set(None);
        })
    };
    let remembered = kept.as_ref() == Some(&*letterhead);
    html! { <>
        { for [Export::Official, Export::Word].into_iter().map(|kind| html! {
            <ExportButton {kind} indicator={props.indicator} deadline={props.deadline} {lang}
                file_name={props.file_name.clone()} letterhead={(*letterhead).clone()} />
        }) }
        <details class="letterhead" data-testid="letterhead">
            <summary>{ s.letterhead }</summary>
            <div class="letterhead-fields">
                { field(s.agency_above, "lh-agency-above", |l| &mut l.agency_above) }
                { field(s.agency, "lh-agency", |l| &mut l.agency) }
                { field(s.report_title, "lh-title", |l| &mut l.title) }
                { field(s.place, "lh-place", |l| &mut l.place) }
                { field(s.preparer, "lh-preparer", |l| &mut l.preparer) }
                { field(s.signer_title, "lh-signer-title", |l| &mut l.signer_title) }
                { field(s.signer, "lh-signer", |l| &mut l.signer) }
            </div>
            if remembered {
                <p class="letterhead-kept">{ s.letterhead_kept }
                    { " " }<button type="button" class="link" onclick={forget}>{ s.forget }</button></p>
            } else {
                <button type="button" class="button" data-testid="lh-remember" onclick={remember}>{ s.remember_letterhead }</button>
            }
        </details>
    </> }
}
