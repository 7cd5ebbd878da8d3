//! The summary paragraph, written the way provincial reports are ("Tính đến ngày 14-11-2023,
//! toàn tỉnh: Thu nhận 822.139/930.767, đạt tỷ lệ 88,33%; …"): totals per indicator, the
//! leaders and the laggards with their rates, the change since the last date and what the
//! deadline needs. Generated from the numbers only.

use super::format::{count, number, rate, Lang};
use crate::analysis::series::{outlook, Comparison, OutlookStatus};
use crate::analysis::{Analysis, Unreported};
use crate::dates::Date;

/// What the paragraph is about, beside the results.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'a> {
    /// The report's as-of date.
    pub as_of: Option<Date>,
    /// The comparison with the previous reporting date.
    pub comparison: Option<&'a Comparison>,
    /// The deadline.
    pub deadline: Option<Date>,
}

fn pp(x: f64, lang: Lang) -> String {
    let sign = if x > 0.0 { "+" } else { "" };
    match lang {
        Lang::Vi => format!("{sign}{} điểm %", number(x, 2, lang)),
        Lang::En => format!("{sign}{} percentage points", number(x, 2, lang)),
    }
}

/// The units expected in the report and missing from it: those with a target in the targets
/// file, else those of the date before that have no row now.
pub fn unreported(analysis: &Analysis, comparison: Option<&Comparison>) -> Vec<Unreported> {
    if !analysis.unreported.is_empty() {
        return analysis.unreported.clone();
    }
    comparison
        .map(|c| {
            c.missing
                .iter()
                .filter(|m| m.present == c.from)
                .map(|m| Unreported {
                    unit: m.unit.clone(),
                    parents: m.parents.clone(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The summary paragraph.
pub fn summary(analysis: &Analysis, ctx: Context, lang: Lang) -> String {
    let mut out = String::new();
    let whole = match (&analysis.whole_label, lang) {
        (Some(l), Lang::Vi) => l.to_lowercase(),
        (None, Lang::Vi) => "tổng các đơn vị".into(),
        (_, Lang::En) => "all units together".into(),
    };
    match (ctx.as_of, lang) {
        (Some(d), Lang::Vi) => out.push_str(&format!(
            "Tính đến ngày {}, {whole}: ",
            super::format::date(d, lang)
        )),
        (Some(d), Lang::En) => out.push_str(&format!(
            "As of {}, {whole}: ",
            super::format::date(d, lang)
        )),
        (None, Lang::Vi) => out.push_str(&format!("Kết quả {whole}: ")),
        (None, Lang::En) => out.push_str(&format!("Results, {whole}: ")),
    }
    let totals: Vec<String> = analysis
        .indicators
        .iter()
        .map(|ind| {
            let t = &ind.total;
            let (a, g) = (count(t.achieved, lang), count(t.target, lang));
            match (lang, t.target > 0.0) {
                (Lang::Vi, true) => {
                    format!("{} {a}/{g}, đạt tỷ lệ {}", ind.name, rate(t.rate(), lang))
                }
                (Lang::En, true) => {
                    format!("{} {a}/{g}, a rate of {}", ind.name, rate(t.rate(), lang))
                }
                (Lang::Vi, false) => format!("{} {a} (chưa có chỉ tiêu)", ind.name),
                (Lang::En, false) => format!("{} {a} (no target yet)", ind.name),
            }
        })
        .collect();
    out.push_str(&totals.join("; "));
    out.push('.');
    // Who has not reported (expected by the targets, else by the date before), and that the
    // whole covers the others only.
    let unreported = unreported(analysis, ctx.comparison);
    if !unreported.is_empty() {
        out.push(' ');
        out.push_str(&super::messages::unreported(lang, &unreported, 5));
        out.push_str(match lang {
            Lang::Vi => " Số liệu trên chỉ tính các đơn vị đã báo cáo.",
            Lang::En => " The figures above cover the units that reported only.",
        });
    }
    if let Some(first) = analysis.indicators.first() {
        // Parent levels first, from the outermost.
        let top: Vec<&crate::analysis::Group> =
            first.groups.iter().filter(|g| g.level == 0).collect();
        if top.len() > 1 {
            let mut top = top;
            top.sort_by(|a, b| {
                b.total
                    .rate()
                    .unwrap_or(f64::MIN)
                    .total_cmp(&a.total.rate().unwrap_or(f64::MIN))
            });
            let list: Vec<String> = top
                .iter()
                .map(|g| format!("{} ({})", g.name(), rate(g.total.rate(), lang)))
                .collect();
            let level = analysis.parent_levels.first().cloned().unwrap_or_default();
            match lang {
                Lang::Vi => out.push_str(&format!(
                    " Theo {}: {}.",
                    level.to_lowercase(),
                    list.join(", ")
                )),
                Lang::En => out.push_str(&format!(" By {level}: {}.", list.join(", "))),
            }
        }
        // Units with a rate come first in the rank order: the ranked ones are a prefix of it.
        let order = first.rank_order();
        let with_rate = order.partition_point(|i| first.units[*i].rate().is_some());
        let ranked = &order[..with_rate];
        let k = match ranked.len() {
            0 | 1 => 0,
            2..=5 => 1,
            6..=11 => 2,
            _ => 3,
        };
        if k > 0 {
            let describe = |i: usize| {
                let u = &first.units[i];
                let rates: Vec<String> = analysis
                    .indicators
                    .iter()
                    .filter_map(|ind| {
                        // The same row is usually at the same place in every indicator (a
                        // wide layout): looked up there first, not among a million units.
                        let same = |v: &&crate::analysis::UnitResult| {
                            v.unit == u.unit && v.parents == u.parents
                        };
                        ind.units
                            .get(i)
                            .filter(same)
                            .or_else(|| ind.units.iter().find(same))
                            .map(|v| rate(v.rate(), lang))
                    })
                    .collect();
                format!("{} ({})", u.unit, rates.join("; "))
            };
            let leaders: Vec<String> = ranked[..k].iter().map(|i| describe(*i)).collect();
            let laggards: Vec<String> = ranked[ranked.len() - k..]
                .iter()
                .rev()
                .map(|i| describe(*i))
                .collect();
            match lang {
                Lang::Vi => out.push_str(&format!(
                    " Dẫn đầu là {}; đơn vị có tỷ lệ thấp như {}.",
                    leaders.join(", "),
                    laggards.join(", ")
                )),
                Lang::En => out.push_str(&format!(
                    " Leading: {}; lagging: {}.",
                    leaders.join(", "),
                    laggards.join(", ")
                )),
            }
        }
    }
    if let Some(c) = ctx.comparison {
        let changes: Vec<String> = c
            .indicators
            .iter()
            .filter_map(|ind| {
                let d = ind.total.delta()?;
                let p = ind
                    .total
                    .delta_pp()
                    .map(|x| pp(x, lang))
                    .unwrap_or_default();
                Some(match lang {
                    Lang::Vi => format!(
                        "{} {} {} ({p})",
                        ind.name,
                        if d >= 0.0 { "tăng" } else { "giảm" },
                        count(d.abs(), lang)
                    ),
                    Lang::En => format!(
                        "{} {} {} ({p})",
                        ind.name,
                        if d >= 0.0 { "rose by" } else { "fell by" },
                        count(d.abs(), lang)
                    ),
                })
            })
            .collect();
        if !changes.is_empty() {
            match lang {
                Lang::Vi => out.push_str(&format!(
                    " So với ngày {}, {}.",
                    super::format::date(c.from, lang),
                    changes.join("; ")
                )),
                Lang::En => out.push_str(&format!(
                    " Since {}, {}.",
                    super::format::date(c.from, lang),
                    changes.join("; ")
                )),
            }
        }
    }
    if let (Some(deadline), Some(as_of)) = (ctx.deadline, ctx.as_of) {
        for ind in &analysis.indicators {
            let pace = ctx.comparison.and_then(|c| {
                c.indicators
                    .iter()
                    .find(|i| i.name == ind.name)
                    .and_then(|i| i.total.pace())
            });
            let o = outlook(ind.total.achieved, ind.total.target, as_of, deadline, pace);
            let d = super::format::date(deadline, lang);
            let sentence = match (lang, o.status) {
                (Lang::Vi, OutlookStatus::Reached) => {
                    format!(" {} đã đạt chỉ tiêu.", ind.name)
                }
                (Lang::En, OutlookStatus::Reached) => {
                    format!(" {} has reached its target.", ind.name)
                }
                (Lang::Vi, _) if o.days_left <= 0 => format!(
                    " {} còn {} chưa đạt, đã quá hạn {d}.",
                    ind.name,
                    count(o.remaining, lang)
                ),
                (Lang::En, _) if o.days_left <= 0 => format!(
                    " {} is {} short and the deadline of {d} has passed.",
                    ind.name,
                    count(o.remaining, lang)
                ),
                (Lang::Vi, _) => format!(
                    " Để {} đạt chỉ tiêu trước ngày {d}, còn {}, cần khoảng {} mỗi ngày trong {} ngày còn lại",
                    ind.name,
                    count(o.remaining, lang),
                    count(o.needed_per_day.unwrap_or(0.0).round(), lang),
                    o.days_left
                ),
                (Lang::En, _) => format!(
                    " For {} to reach its target by {d}, {} remain, about {} a day over the {} days left",
                    ind.name,
                    count(o.remaining, lang),
                    count(o.needed_per_day.unwrap_or(0.0).round(), lang),
                    o.days_left
                ),
            };
            out.push_str(&sentence);
            if !matches!(o.status, OutlookStatus::Reached) && o.days_left > 0 {
                let p = pace.map(|p| count(p.round(), lang)).unwrap_or_default();
                out.push_str(&match (lang, o.status, o.projected) {
                    (Lang::Vi, OutlookStatus::OnTrack, Some(when)) => format!(
                        "; với tốc độ hiện nay ({p} mỗi ngày) sẽ đạt vào ngày {}, kịp tiến độ.",
                        super::format::date(when, lang)
                    ),
                    (Lang::En, OutlookStatus::OnTrack, Some(when)) => format!(
                        "; at the current pace ({p} a day) it is reached on {}, on track.",
                        super::format::date(when, lang)
                    ),
                    (Lang::Vi, OutlookStatus::AtRisk, Some(when)) => format!(
                        "; với tốc độ hiện nay ({p} mỗi ngày) phải đến ngày {} mới đạt, có nguy cơ trễ hạn.",
                        super::format::date(when, lang)
                    ),
                    (Lang::En, OutlookStatus::AtRisk, Some(when)) => format!(
                        "; at the current pace ({p} a day) it would take until {}, at risk.",
                        super::format::date(when, lang)
                    ),
                    (Lang::Vi, OutlookStatus::AtRisk, None) => {
                        "; với tốc độ hiện nay sẽ không đạt, có nguy cơ trễ hạn.".into()
                    }
                    (Lang::En, OutlookStatus::AtRisk, None) => {
                        "; at the current pace it will not be reached, at risk.".into()
                    }
                    _ => ".".into(),
                });
            }
        }
    }
    out
}
