//! The exports: the results as CSV, Excel and a standalone HTML report (the report in the
//! worker writes the bytes), and each chart as SVG or PNG.

use crate::i18n::strings;
use crate::web;
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
}

impl Export {
    pub const ALL: [Export; 3] = [Export::Csv, Export::Xlsx, Export::Html];

    fn file(self) -> &'static str {
        match self {
            Export::Csv => "attain-results.csv",
            Export::Xlsx => "attain-results.xlsx",
            Export::Html => "attain-report.html",
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Export::Csv => "text/csv;charset=utf-8",
            Export::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Export::Html => "text/html;charset=utf-8",
        }
    }

    fn testid(self) -> &'static str {
        match self {
            Export::Csv => "export-csv",
            Export::Xlsx => "export-xlsx",
            Export::Html => "export-html",
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        let s = strings(lang);
        match self {
            Export::Csv => s.export_csv,
            Export::Xlsx => s.export_xlsx,
            Export::Html => s.export_html,
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
        Callback::from(move |_| {
            let query = Query::Export {
                kind: match kind {
                    Export::Csv => ExportKind::Csv,
                    Export::Xlsx => ExportKind::Xlsx,
                    Export::Html => ExportKind::Html,
                },
                indicator,
                lang,
                deadline,
                file_name: file_name.clone(),
                // The charts as drawn, for the HTML report.
                charts: if kind == Export::Html {
                    web::chart_svgs()
                } else {
                    Vec::new()
                },
            };
            let (fail, url) = (fail.clone(), url.clone());
            crate::reader::ask(query, move |reply| match reply {
                Some(Reply::Export(Ok(bytes))) => {
                    fail.set(None);
                    *url.borrow_mut() = web::download(kind.file(), kind.mime(), &bytes);
                }
                Some(Reply::Export(Err(detail))) => fail.set(Some(detail)),
                _ => fail.set(Some("the reader's reply could not be decoded".into())),
            });
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
    html! {
        <span class="chart-export">
            <button type="button" class="link" data-testid="export-svg" title={s.export_svg} onclick={on_svg}>{ "SVG" }</button>
            <button type="button" class="link" data-testid="export-png" title={s.export_png} onclick={on_png}>{ "PNG" }</button>
        </span>
    }
}
