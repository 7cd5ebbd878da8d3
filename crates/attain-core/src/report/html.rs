//! A standalone HTML report: one file with the title, the as-of date, the summary paragraph,
//! the chart (inline SVG, drawn by the app) and the full results table (every unit and rollup
//! of the indicator shown). No script and no external reference: it opens anywhere, offline,
//! and can be mailed or printed.

use super::csv::result_rows;
use super::format::{count, rate, Lang};
use crate::analysis::trend::History;
use crate::analysis::Analysis;
use crate::dates::Date;

/// Text safe inside HTML elements and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,'Segoe UI',Roboto,Arial,sans-serif;color:#1c2430;margin:2rem auto;max-width:60rem;padding:0 1rem;line-height:1.45}\
h1{font-size:1.4rem;margin:0 0 .2rem}.meta{color:#5b6675;margin:0 0 1rem}\
.summary{border-left:4px solid #0b5cad;padding:.4rem .9rem;background:#f4f6f9}\
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;font-size:.9rem;margin-top:1rem}\
th,td{border-bottom:1px solid #d9dee5;padding:.3rem .6rem;text-align:left}td.num,th.num{text-align:right}\
tbody th{font-weight:500}tr.group td,tr.group th{background:#f3f6fa;font-weight:600}tr.total td,tr.total th{font-weight:700;border-top:2px solid #9fb3c8}\
svg{max-width:100%;height:auto;font-size:12px}.grid{stroke:#e6eaef}.tick{fill:#5b6675;font-size:11px}\
.bar rect{fill:#b8c0cc}.bar.low rect{fill:#d55e00}.bar.medium rect{fill:#e69f00}.bar.high rect{fill:#56b4e9}.bar.reached rect{fill:#0072b2}\
.target-line line{stroke:#1c2430;stroke-width:1.5;stroke-dasharray:4 3}.value,.label{paint-order:stroke;stroke:#fff;stroke-width:3px}\
.gap-note{fill:#5b6675;font-style:italic}\
.dot circle{fill:#b8c0cc;stroke:#fff}.dot.low circle{fill:#d55e00}.dot.medium circle{fill:#e69f00}.dot.high circle{fill:#56b4e9}.dot.reached circle{fill:#0072b2}\
.whole-line line,.leader{stroke:#5b6675;stroke-width:1}\
.tile rect{fill:#b8c0cc;stroke:#fff}.tile.low rect{fill:#d55e00}.tile.medium rect{fill:#e69f00}.tile.high rect{fill:#56b4e9}.tile.reached rect{fill:#0072b2}.tile.absent rect{fill:#eef1f5}\
.tile-name{font-size:9px;fill:#1c2430}.tile-rate{font-size:10px;font-weight:600;fill:#1c2430}\
.bell .link{stroke:#56b4e9;stroke-width:3}.bell.down .link{stroke:#d55e00}.bell .before{fill:#fff;stroke:#0072b2;stroke-width:2}.bell .now{fill:#0072b2}\
.part{stroke:#fff;stroke-width:1}.part-0{fill:#0072b2}.part-1{fill:#e69f00}.part-2{fill:#b8c0cc}.part-3{fill:#009e73}.part-4{fill:#cc79a7}.part-5{fill:#56b4e9}\
.bullet .track{fill:#e6eaef}.bullet .done{fill:#b8c0cc}.bullet.low .done{fill:#d55e00}.bullet.medium .done{fill:#e69f00}.bullet.high .done{fill:#56b4e9}.bullet.reached .done{fill:#0072b2}.bullet .mark{stroke:#1c2430;stroke-width:2}\
.band{opacity:.08}.band.low{fill:#d55e00}.band.medium{fill:#e69f00}.band.high{fill:#56b4e9}.tooltip{display:none}figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}\
@media print{body{margin:0}figure{break-inside:avoid}}";

/// A chart as a standalone SVG file: the chart as the page drew it, with its styles inside and
/// the SVG namespace, so that it opens (and draws to a PNG) on its own. `None` when the markup
/// is not an SVG or holds a script or a link.
pub fn standalone_svg(chart_svg: &str) -> Option<String> {
    let svg = chart_svg.trim();
    if !svg.starts_with("<svg")
        || svg.to_ascii_lowercase().contains("<script")
        || svg.contains("href")
    {
        return None;
    }
    let end = svg.find('>')?;
    let (open, rest) = svg.split_at(end);
    let open = if open.contains("xmlns=") {
        open.to_string()
    } else {
        format!("{open} xmlns=\"http://www.w3.org/2000/svg\"")
    };
    // The page's font for the text, white under the chart.
    Some(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{open}><style>svg{{font-family:system-ui,'Segoe UI',Roboto,Arial,sans-serif;background:#fff}}{STYLE}</style>{}",
        &rest[1..]
    ))
}

/// The total row's name.
fn cols_total(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Tổng cộng",
        Lang::En => "Total",
    }
}

/// The report. `charts`: each chart's title and its SVG as the page drew it (serialised, its
/// text already escaped), the main one first; `indicator`: the indicator shown; `history`:
/// every reporting date, with three or more (a table of each row's rate at each date).
#[allow(clippy::too_many_arguments)]
pub fn standalone_html(
    analysis: &Analysis,
    indicator: usize,
    file_name: &str,
    as_of: Option<Date>,
    summary: &str,
    charts: &[(String, String)],
    history: Option<&History>,
    lang: Lang,
) -> String {
    let (title, as_of_label, cols, lang_code) = match lang {
        Lang::Vi => (
            "Báo cáo tỷ lệ đạt",
            "Số liệu tính đến ngày",
            [
                "Đơn vị",
                "Cấp",
                "Thuộc",
                "Đã đạt",
                "Chỉ tiêu",
                "Tỷ lệ",
                "Còn lại",
            ],
            "vi",
        ),
        Lang::En => (
            "Attainment report",
            "Figures as of",
            [
                "Unit", "Level", "Under", "Achieved", "Target", "Rate", "Gap",
            ],
            "en",
        ),
    };
    let name = analysis
        .indicators
        .get(indicator)
        .map(|i| i.name.clone())
        .unwrap_or_default();
    let hierarchy = !analysis.parent_levels.is_empty();
    let mut rows = String::new();
    for r in result_rows(analysis).iter().filter(|r| r.indicator == name) {
        let class = match r.level.as_str() {
            "unit" => "",
            "total" => " class=\"total\"",
            _ => " class=\"group\"",
        };
        let unit = if r.level == "total" {
            cols_total(lang).to_string()
        } else {
            r.unit.clone()
        };
        let level = match r.level.as_str() {
            "unit" | "total" => String::new(),
            l => l.to_string(),
        };
        let n = |v: Option<f64>| v.map(|x| count(x, lang)).unwrap_or_else(|| "—".into());
        // The level and parent columns only when the report has parents.
        let parents = if hierarchy {
            format!("<td>{}</td><td>{}</td>", escape(&level), escape(&r.parent))
        } else {
            String::new()
        };
        rows.push_str(&format!(
            "<tr{class}><th>{}</th>{parents}<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
            escape(&unit),
            n(r.achieved),
            n(r.target),
            rate(r.rate, lang),
            n(r.gap)
        ));
    }
    let head: String = cols
        .iter()
        .enumerate()
        .filter(|(i, _)| hierarchy || !matches!(i, 1 | 2))
        .map(|(i, c)| {
            if i >= 3 {
                format!("<th class=\"num\">{c}</th>")
            } else {
                format!("<th>{c}</th>")
            }
        })
        .collect();
    // Each row's rate at every reporting date.
    let by_date = history.map_or(String::new(), |h| {
        let heading = match lang {
            Lang::Vi => "Tỷ lệ qua các kỳ báo cáo",
            Lang::En => "Rate at each reporting date",
        };
        let dates: String = h
            .dates
            .iter()
            .map(|d| format!("<th class=\"num\">{}</th>", super::format::date(*d, lang)))
            .collect();
        let body: String = result_rows(analysis)
            .iter()
            .filter(|r| r.indicator == name)
            .map(|r| {
                let points = match r.level.as_str() {
                    "unit" => h.unit(&name, std::slice::from_ref(&r.parent), &r.unit),
                    "total" => h.whole(&name),
                    super::csv::NOT_REPORTED => None,
                    _ if r.parent.is_empty() => h.group(&name, std::slice::from_ref(&r.unit)),
                    _ => h.group(&name, &[r.parent.clone(), r.unit.clone()]),
                };
                let cells: String = (0..h.dates.len())
                    .map(|k| {
                        let p = points.and_then(|p| p.get(k)).copied().unwrap_or_default();
                        format!("<td class=\"num\">{}</td>", rate(p.rate(), lang))
                    })
                    .collect();
                let unit = if r.level == "total" {
                    cols_total(lang).to_string()
                } else {
                    r.unit.clone()
                };
                format!("<tr><th>{}</th>{cells}</tr>\n", escape(&unit))
            })
            .collect();
        format!(
            "<h2>{heading}</h2>\n<table><thead><tr><th>{}</th>{dates}</tr></thead><tbody>\n{body}</tbody></table>\n",
            cols[0]
        )
    });
    // Each chart is our own SVG; anything else (a script, a link) is left out.
    let chart: String = charts
        .iter()
        .filter(|(_, svg)| {
            svg.trim_start().starts_with("<svg")
                && !svg.to_ascii_lowercase().contains("<script")
                && !svg.contains("href")
        })
        .map(|(title, svg)| {
            format!(
                "<figure><figcaption>{}</figcaption>{svg}</figure>\n",
                escape(title)
            )
        })
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"{lang_code}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title}: {ind}</title><style>{STYLE}</style></head><body>\n\
<h1>{title}: {ind}</h1>\n<p class=\"meta\">{file}{date}</p>\n\
<p class=\"summary\">{summary}</p>\n{chart}\n\
<table><thead><tr>{head}</tr></thead><tbody>\n{rows}</tbody></table>\n{by_date}</body></html>\n",
        ind = escape(&name),
        file = escape(file_name),
        date = as_of
            .map(|d| format!(" · {as_of_label} {}", super::format::date(d, lang)))
            .unwrap_or_default(),
        summary = escape(summary),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, guess_mapping};
    use crate::{read_workbook, sample, Table};

    #[test]
    fn one_file_without_script_or_external_reference() {
        let wb = read_workbook(sample::FILE_NAME, sample::CSV.as_bytes()).unwrap();
        let t = Table::from_sheet(&wb.sheets[0]).unwrap();
        let a = analyze(&t, &guess_mapping(&t).unwrap()).unwrap();
        let svg = "<svg viewBox=\"0 0 10 10\"><g class=\"bar\"><rect width=\"5\" height=\"2\"></rect></g></svg>";
        let html = standalone_html(
            &a,
            1,
            "<b>.csv",
            Date::new(2023, 11, 14),
            "Tính đến <ngày>",
            &[("Xếp hạng <1>".to_string(), svg.to_string())],
            None,
            Lang::Vi,
        );
        assert!(!html.to_ascii_lowercase().contains("<script"));
        assert!(!html.contains("http"));
        assert!(html.contains("<title>Báo cáo tỷ lệ đạt: Kích hoạt</title>"));
        assert!(html.contains("&lt;b&gt;.csv · Số liệu tính đến ngày 14-11-2023"));
        assert!(html.contains("Tính đến &lt;ngày&gt;"));
        assert!(html.contains(&format!(
            "<figure><figcaption>Xếp hạng &lt;1&gt;</figcaption>{svg}</figure>"
        )));
        assert!(html.contains("<tr class=\"total\"><th>Tổng cộng</th><td class=\"num\">663.614</td><td class=\"num\">930.767</td><td class=\"num\">71,30%</td>"));
        assert_eq!(html.matches("<tr>").count(), 1 + 9);
        let file = standalone_svg(svg).unwrap();
        assert!(file.starts_with("<?xml"));
        assert!(file
            .contains("<svg viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\"><style>"));
        assert!(file.ends_with("</svg>"));
        assert_eq!(standalone_svg("<div>"), None);
        // A chart that is not our SVG is left out.
        let bad = standalone_html(
            &a,
            0,
            "x",
            None,
            "",
            &[("t".into(), "<script>alert(1)</script>".into())],
            None,
            Lang::En,
        );
        assert!(!bad.contains("alert"));
    }
}
