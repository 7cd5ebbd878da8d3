//! Export of the results as `attain-results.csv` and as a standalone HTML report (the engine
//! writes the bytes).

use super::AppContext;
use crate::i18n::strings;
use crate::shared::Shared;
use crate::web;
use attain_core::analysis::Analysis;
use attain_core::report::csv::results_csv;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExportCsvProps {
    pub analysis: Shared<Analysis>,
}

#[function_component(ExportCsv)]
pub fn export_csv(props: &ExportCsvProps) -> Html {
    let state = use_context::<AppContext>();
    // The last download's object URL, kept alive until the next one.
    let url = use_mut_ref(|| None::<gloo::file::ObjectUrl>);
    let Some(state) = state else {
        return html! {};
    };
    let s = strings(state.lang);
    let analysis = props.analysis.clone();
    let onclick = Callback::from(move |_| {
        let csv = results_csv(&analysis);
        *url.borrow_mut() = web::download(
            "attain-results.csv",
            "text/csv;charset=utf-8",
            csv.as_bytes(),
        );
    });
    html! {
        <button type="button" class="button primary" data-testid="export-csv" {onclick}>
            { s.export_csv }
        </button>
    }
}

#[derive(Properties, PartialEq)]
pub struct ExportHtmlProps {
    pub analysis: Shared<Analysis>,
    pub indicator: usize,
    pub summary: AttrValue,
    pub file_name: AttrValue,
    pub as_of: Option<attain_core::dates::Date>,
}

/// One HTML file with the summary, every chart as drawn and the whole table: no script, no
/// external reference, to mail or archive.
#[function_component(ExportHtml)]
pub fn export_html(props: &ExportHtmlProps) -> Html {
    let state = use_context::<AppContext>();
    let url = use_mut_ref(|| None::<gloo::file::ObjectUrl>);
    let Some(state) = state else {
        return html! {};
    };
    let s = strings(state.lang);
    let lang = state.lang;
    let (analysis, indicator, summary, file, as_of) = (
        props.analysis.clone(),
        props.indicator,
        props.summary.clone(),
        props.file_name.clone(),
        props.as_of,
    );
    let onclick = Callback::from(move |_| {
        let charts = web::chart_svgs();
        let html = attain_core::report::html::standalone_html(
            &analysis, indicator, &file, as_of, &summary, &charts, lang,
        );
        *url.borrow_mut() = web::download(
            "attain-report.html",
            "text/html;charset=utf-8",
            html.as_bytes(),
        );
    });
    html! {
        <button type="button" class="button" data-testid="export-html" {onclick}>
            { s.export_html }
        </button>
    }
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
}

/// "SVG" and "PNG" under a chart: the chart as drawn, as a standalone SVG file (its styles
/// inside) or as a PNG the browser draws from that SVG at twice the size.
#[function_component(ChartExport)]
pub fn chart_export(props: &ChartExportProps) -> Html {
    let state = use_context::<AppContext>();
    let url = use_mut_ref(|| None::<gloo::file::ObjectUrl>);
    let Some(state) = state else {
        return html! {};
    };
    let s = strings(state.lang);
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

#[derive(Properties, PartialEq)]
pub struct ExportXlsxProps {
    pub analysis: Shared<Analysis>,
    pub summary: AttrValue,
}

/// `attain-results.xlsx`: the results with the computed columns as numbers in Excel's own
/// formats (rates as percentages, counts with thousands), one sheet per indicator's rows plus
/// the warnings and the summary (the engine's `report::xlsx`, the same as the command line).
#[function_component(ExportXlsx)]
pub fn export_xlsx(props: &ExportXlsxProps) -> Html {
    let state = use_context::<AppContext>();
    let url = use_mut_ref(|| None::<gloo::file::ObjectUrl>);
    let failed = use_state(|| None::<String>);
    let Some(state) = state else {
        return html! {};
    };
    let lang = state.lang;
    let s = strings(lang);
    let (analysis, summary, fail) = (
        props.analysis.clone(),
        props.summary.clone(),
        failed.clone(),
    );
    let onclick = Callback::from(move |_| {
        match attain_core::report::xlsx::results_xlsx(&analysis, &summary, lang) {
            Ok(bytes) => {
                fail.set(None);
                *url.borrow_mut() = web::download(
                    "attain-results.xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    &bytes,
                );
            }
            Err(e) => fail.set(Some(e.detail)),
        }
    });
    html! { <>
        <button type="button" class="button" data-testid="export-xlsx" {onclick}>{ s.export_xlsx }</button>
        if let Some(detail) = &*failed {
            <span class="export-failed" role="alert">
                { attain_core::report::messages::export_failed(lang) }
                <crate::components::details::Details {lang} detail={detail.clone()} />
            </span>
        }
    </> }
}
