//! The engine's session, driven by commands as the command line drives it: files added in any
//! order give the same reporting dates, the user's as-of date and mapping take effect, a sheet
//! is asked for by name or each sheet is a date, and errors name the file.

use attain_core::analysis::rows::ResultsQuery;
use attain_core::analysis::series::OutlookStatus;
use attain_core::analysis::{Mapping, MappingError};
use attain_core::dates::Date;
use attain_core::session::{Session, Sheets, SourceError};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn add(session: &mut Session, path: &str, sheets: Sheets) -> Result<usize, SourceError> {
    let file = path.rsplit('/').next().unwrap_or(path);
    session.add_file(file, &fixture(path), &Default::default(), &sheets)
}

const BEFORE: &str = "analysis/ben-tre-2023-11-07.xlsx";
const NOW: &str = "analysis/ben-tre-2023-11-14.xlsx";

#[test]
fn two_dates_in_either_order_give_the_same_series() {
    let mut views = Vec::new();
    for order in [[BEFORE, NOW], [NOW, BEFORE]] {
        let mut s = Session::new();
        for f in order {
            assert_eq!(add(&mut s, f, Sheets::Best), Ok(1));
        }
        s.set_deadline(Date::new(2023, 12, 15));
        let series = s.series().unwrap();
        let latest = &s.sources()[series.latest];
        assert_eq!(latest.name, "ben-tre-2023-11-14.xlsx");
        let c = series.comparison.clone().unwrap();
        assert_eq!(c.indicators[0].total.delta(), Some(30_287.0));
        assert_eq!(series.outlooks[0].1.status, OutlookStatus::OnTrack);
        let window = s
            .results(
                &ResultsQuery {
                    limit: 50,
                    ..Default::default()
                },
                "Tổng cộng",
            )
            .unwrap();
        assert_eq!(window.total.achieved, Some(822_139.0));
        assert_eq!(window.total.change.unwrap().delta, Some(30_287.0));
        views.push((window, c, series.outlooks));
    }
    assert_eq!(views[0], views[1]);
}

#[test]
fn the_users_as_of_date_and_mapping_take_effect() {
    let mut s = Session::new();
    add(&mut s, BEFORE, Sheets::Best).unwrap();
    add(&mut s, NOW, Sheets::Best).unwrap();
    // Dating the 07-11 report after the other makes it the latest.
    s.set_as_of(0, Date::new(2023, 11, 21));
    let series = s.series().unwrap();
    assert_eq!(series.latest, 0);
    s.set_as_of(0, None);
    assert_eq!(s.series().unwrap().latest, 1);
    // The activated column against the same target: 663.614 / 930.767.
    let m = s.sources()[1].mapping.clone().unwrap();
    let activated = Mapping {
        indicators: vec![m.indicators[1].clone()],
        ..m.clone()
    };
    s.set_mapping(1, activated.clone()).unwrap();
    let t = &s.sources()[1].results().unwrap().indicators[0].total;
    assert_eq!((t.achieved, t.target), (663_614.0, 930_767.0));
    // A mapping without an indicator gives no results, and the error names the file.
    let none = Mapping {
        indicators: vec![],
        ..m
    };
    assert_eq!(
        s.set_mapping(1, none),
        Err(SourceError::Mapping {
            file: "ben-tre-2023-11-14.xlsx".into(),
            error: MappingError::NoIndicator
        })
    );
    assert!(s.sources()[1].results().is_none());
    s.set_mapping(1, activated).unwrap();
    assert_eq!(
        s.sources()[1].results().unwrap().indicators[0]
            .total
            .achieved,
        663_614.0
    );
}

#[test]
fn sheets_by_name_or_each_a_date_and_errors_that_name_the_file() {
    let mut s = Session::new();
    assert_eq!(
        add(
            &mut s,
            "reports/ben-tre-multi.xlsx",
            Sheets::Named("BC 14-11".into())
        ),
        Ok(1)
    );
    assert_eq!(s.sources()[0].as_of(), Date::new(2023, 11, 14));
    assert_eq!(
        add(
            &mut s,
            "reports/ben-tre-multi.xlsx",
            Sheets::Named("Nope".into())
        ),
        Err(SourceError::NoSuchSheet {
            file: "ben-tre-multi.xlsx".into(),
            sheet: "Nope".into()
        })
    );
    let mut each = Session::new();
    let n = add(&mut each, "reports/ben-tre-multi.xlsx", Sheets::Each).unwrap();
    assert!(n >= 2, "{n}");
    assert!(each
        .sources()
        .iter()
        .all(|s| s.name.starts_with("ben-tre-multi.xlsx › ")));
    assert!(matches!(
        add(&mut each, "bao-cao.pdf", Sheets::Best),
        Err(SourceError::Read { file, error: attain_core::ReadError::Pdf }) if file == "bao-cao.pdf"
    ));
    assert!(Session::new().series().is_none());
}

// ------------------------------------------------------------------------------------------
// The app's commands (what the worker runs for the page).
// ------------------------------------------------------------------------------------------

use attain_core::analysis::series::MatchFix;
use attain_core::analysis::{Role, TargetSource};
use attain_core::legacy::Choice;
use attain_core::session::{Analysed, Answer, Command};
use attain_core::table::{Bucket, Layout};
use attain_core::ReadOptions;
use proptest::prelude::*;

fn open(s: &mut Session, path: &str) -> Answer {
    let name = path.rsplit('/').next().unwrap_or(path).to_string();
    s.run(
        Command::Open {
            name,
            options: ReadOptions::default(),
            templates: vec![],
        },
        fixture(path),
    )
    .unwrap()
}

fn edit(s: &mut Session, c: Command) -> Answer {
    s.run(c, Vec::new()).unwrap()
}

/// The rate of the whole of the report's first indicator.
fn whole_rate(s: &Session, a: &Answer) -> Option<f64> {
    s.sources()[a.current].results()?.indicators[0].total.rate()
}

#[test]
fn commands_drive_the_report_as_the_app_sends_them() {
    let mut s = Session::new();
    // The multi-sheet workbook opens on its report sheet, not the instructions.
    let a = open(&mut s, "reports/ben-tre-multi.xlsx");
    assert_eq!(a.info.sheets[a.sheet].name, "BC 14-11");
    assert_eq!(a.info.sheets.len(), 3);
    assert!(a.info.sheets[1].hidden);
    assert!(a.fresh_mapping);
    assert!(matches!(a.analysis, Analysed::New(_)));
    // Only the table's shape travels: no body rows.
    let t = a.table.as_ref().unwrap();
    assert!(t.body.is_empty());
    assert_eq!(t.bucket_count(Bucket::Data), 9);
    assert_eq!(whole_rate(&s, &a).map(|r| (r * 1e4).round()), Some(8833.0));
    assert_eq!(a.as_of.as_ref().map(|d| d.date), Date::new(2023, 11, 14));
    assert!(a
        .preview
        .shown
        .iter()
        .any(|(_, c)| c.iter().any(|x| x == "Ba Tri")));
    let report_sheet = a.sheet;
    // The instructions sheet gives no results; the report sheet again gives them back.
    let a = edit(&mut s, Command::SelectSheet(0));
    assert_eq!(a.sheet, 0);
    assert!(s.sources()[a.current].results().is_none());
    assert!(!matches!(a.analysis, Analysed::New(_) | Analysed::Same));
    let a = edit(&mut s, Command::SelectSheet(report_sheet));
    assert_eq!(whole_rate(&s, &a).map(|r| (r * 1e4).round()), Some(8833.0));
    let version = a.version;
    // The header corrected: one body row fewer, the user's columns kept.
    let layout = a.table.as_ref().unwrap().layout;
    let a = edit(
        &mut s,
        Command::SetLayout(Layout {
            body_end: layout.body_end - 2,
            ..layout
        }),
    );
    assert!(!a.fresh_mapping);
    assert!(a.version > version);
    assert!(a.table.as_ref().unwrap().bucket_count(Bucket::Data) < 9);
    let a = edit(&mut s, Command::SetLayout(layout));
    assert_eq!(a.table.as_ref().unwrap().bucket_count(Bucket::Data), 9);
    // The activated column not used: one indicator left; a fixed target for it.
    let n = s.sources()[a.current].results().unwrap().indicators.len();
    assert_eq!(n, 2);
    let activated = a.mapping.as_ref().unwrap().indicators[1].achieved;
    let a = edit(
        &mut s,
        Command::SetRole {
            column: activated,
            role: Role::Ignored,
            indicator: 0,
        },
    );
    assert_eq!(
        s.sources()[a.current].results().unwrap().indicators.len(),
        1
    );
    let a = edit(
        &mut s,
        Command::SetTarget(0, Some(TargetSource::Fixed(100_000.0))),
    );
    // 822.139 over 9 districts × 100.000.
    assert_eq!(
        whole_rate(&s, &a).map(|r| (r * 1e6).round()),
        Some((822_139.0f64 / 900_000.0 * 1e6).round())
    );
    // An edit that changes no figure sends no analysis again.
    let a = edit(&mut s, Command::SetAsOf(a.current, Date::new(2023, 11, 15)));
    assert_eq!(a.analysis, Analysed::Same);
    assert_eq!(a.as_of_override, Date::new(2023, 11, 15));
}

#[test]
fn a_later_date_becomes_the_report_and_an_earlier_one_is_compared() {
    let mut s = Session::new();
    open(&mut s, BEFORE);
    let a = s
        .run(
            Command::AddDate {
                name: "ben-tre-2023-11-14.xlsx".into(),
                options: ReadOptions::default(),
            },
            fixture(NOW),
        )
        .unwrap();
    assert_eq!(a.info.file_name, "ben-tre-2023-11-14.xlsx");
    assert_eq!(a.dates.len(), 1);
    assert_eq!(a.dates[0].as_of, Date::new(2023, 11, 7));
    let c = a.comparison.clone().unwrap();
    assert_eq!(c.indicators[0].total.delta(), Some(30_287.0));
    assert_eq!(c.missing.len(), 1);
    let a = edit(
        &mut s,
        Command::FixMatch(MatchFix {
            previous: "CHÂU THÀNH".into(),
            current: "Bình Đại".into(),
        }),
    );
    assert!(a
        .comparison
        .unwrap()
        .missing
        .iter()
        .all(|m| m.unit != "Bình Đại"));
    // The same two files added in the other order give the same comparison.
    let mut t = Session::new();
    open(&mut t, NOW);
    let b = t
        .run(
            Command::AddDate {
                name: "ben-tre-2023-11-07.xlsx".into(),
                options: ReadOptions::default(),
            },
            fixture(BEFORE),
        )
        .unwrap();
    assert_eq!(b.info.file_name, "ben-tre-2023-11-14.xlsx");
    assert_eq!(b.comparison, Some(c));
    // A date removed: nothing to compare.
    let other = b.dates[0].source;
    assert!(edit(&mut t, Command::RemoveDate(other))
        .comparison
        .is_none());
}

#[test]
fn a_legacy_choice_converts_the_column_again_and_a_bad_file_changes_nothing() {
    let mut s = Session::new();
    let a = open(&mut s, "legacy/ben-tre-tcvn3-2023-11-07.xlsx");
    let first = |s: &Session, a: &Answer| {
        s.sources()[a.current].results().unwrap().indicators[0].units[0]
            .unit
            .to_string()
    };
    assert_eq!(first(&s, &a), "Thành phố Bến Tre");
    let a = edit(&mut s, Command::SetLegacy(1, Choice::Off));
    assert_eq!(first(&s, &a), "Thµnh phè BÕn Tre");
    assert_eq!(a.legacy_choices, vec![(1, Choice::Off)]);
    let a = edit(&mut s, Command::SetLegacy(1, Choice::Auto));
    assert_eq!(first(&s, &a), "Thành phố Bến Tre");
    // A file that cannot be read leaves the report as it was.
    let bad = s.run(
        Command::Open {
            name: "bao-cao.pdf".into(),
            options: ReadOptions::default(),
            templates: vec![],
        },
        fixture("bao-cao.pdf"),
    );
    assert_eq!(bad, Err(attain_core::ReadError::Pdf));
    let a = edit(&mut s, Command::SetTemplates(vec![]));
    assert_eq!(a.info.file_name, "ben-tre-tcvn3-2023-11-07.xlsx");
}

/// The command line's way (add_file) and the app's (Open through the commands) give the same
/// export, byte for byte.
#[test]
fn the_command_line_and_the_app_give_the_same_export() {
    for path in [
        "analysis/binh-phuoc-2024-07-03.xlsx",
        "analysis/binh-thuan-2023-06-19-long.csv",
        "analysis/ca-mau-2024-03-20.xlsx",
        "reports/ben-tre-report.xls",
        "reports/ben-tre-report-cp1258.csv",
    ] {
        let mut cli = Session::new();
        add(&mut cli, path, Sheets::Best).unwrap();
        let mut app = Session::new();
        let a = open(&mut app, path);
        assert_eq!(
            attain_core::report::csv::results_csv(cli.sources()[0].results().unwrap()),
            attain_core::report::csv::results_csv(app.sources()[a.current].results().unwrap()),
            "{path}"
        );
    }
}

/// The view of the report, without what says how it changed since the last answer.
fn settled(s: &Session, mut a: Answer) -> (Answer, Option<attain_core::Analysis>) {
    a.version = 0;
    a.fresh_mapping = false;
    a.analysis = Analysed::Same;
    let results = s.sources()[a.current].results().cloned();
    (a, results)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any commands before the same final choices (the report sheet chosen again, the found
    /// as-of date back) give the same view as the final choices alone: nothing of the
    /// earlier sheet, roles, targets, layout or legacy choices lingers.
    #[test]
    fn the_same_final_choices_give_the_same_view(
        legacy in any::<bool>(),
        noise in proptest::collection::vec((0usize..6, 0usize..8, 0usize..4), 0..8)
    ) {
        // A workbook of three sheets, or one typed in TCVN3.
        let file = if legacy { "legacy/ben-tre-tcvn3-2023-11-07.xlsx" } else { "reports/ben-tre-multi.xlsx" };
        let mut s = Session::new();
        let a = open(&mut s, file);
        // The app's worker: the cells let go, the file handed again when asked for.
        let mut host = Session::with_files_from_host();
        prop_assert_eq!(&open(&mut host, file), &a);
        let report_sheet = a.sheet;
        let layout = a.table.as_ref().unwrap().layout;
        let roles = [Role::Ignored, Role::Unit, Role::Achieved, Role::Target];
        for (kind, col, k) in noise {
            let c = match kind {
                0 => Command::SelectSheet(k % 3),
                1 => Command::SetRole { column: col, role: roles[k], indicator: 0 },
                2 => Command::SetTarget(0, Some(TargetSource::Fixed(1000.0 * (k + 1) as f64))),
                3 => Command::SetLayout(Layout { body_end: layout.body_end.saturating_sub(k), ..layout }),
                4 => Command::SetLegacy(col, if k % 2 == 0 { Choice::Off } else { Choice::Auto }),
                _ => Command::SetAsOf(0, Date::new(2023, 11, 1 + k as u32)),
            };
            let a = edit(&mut s, c.clone());
            let b = host_edit(&mut host, c, file);
            prop_assert_eq!(&a, &b);
            prop_assert_eq!(s.sources()[a.current].results(), host.sources()[b.current].results());
            prop_assert!(host.sources().iter().all(|x| x.cells().is_none()));
        }
        edit(&mut s, Command::SelectSheet(report_sheet));
        let end = edit(&mut s, Command::SetAsOf(0, None));
        let mut fresh = Session::new();
        open(&mut fresh, file);
        edit(&mut fresh, Command::SelectSheet(report_sheet));
        let want = edit(&mut fresh, Command::SetAsOf(0, None));
        prop_assert_eq!(settled(&s, end), settled(&fresh, want));
    }
}

/// A command as the app's worker runs it: the file handed again when the session asks for it.
fn host_edit(s: &mut Session, c: Command, file: &str) -> Answer {
    let bytes = match s.file_needed(&c) {
        Some(_) => fixture(file),
        None => Vec::new(),
    };
    s.run(c, bytes).unwrap()
}

/// A session whose host keeps the files lets a sheet's cells go once its table is found, and
/// reads the file again, when handed, for a command that needs them: the same answers as a
/// session that kept them; without the file the report stays and the user is asked for it.
#[test]
fn cells_let_go_are_read_again_from_the_hosts_file() {
    let file = "reports/ben-tre-multi.xlsx";
    let mut kept = Session::new();
    let mut host = Session::with_files_from_host();
    let a = open(&mut kept, file);
    let b = open(&mut host, file);
    assert_eq!(a, b);
    assert!(kept.sources()[0].cells().is_some());
    assert!(host.sources()[0].cells().is_none());
    // The preview and the workbook's summary stay without the cells.
    assert!(b
        .preview
        .shown
        .iter()
        .any(|(_, c)| c.iter().any(|x| x == "Ba Tri")));
    assert_eq!(b.info.sheets.len(), 3);
    // Only the commands that need the cells ask for the file.
    let layout = b.table.as_ref().unwrap().layout;
    let shorter = Command::SetLayout(Layout {
        body_end: layout.body_end - 2,
        ..layout
    });
    assert_eq!(host.file_needed(&shorter), Some(1));
    assert_eq!(kept.file_needed(&shorter), None);
    assert_eq!(host.file_needed(&Command::SetAsOf(0, None)), None);
    assert_eq!(
        host.file_needed(&Command::Reread(ReadOptions::default())),
        Some(1)
    );
    // Not handed: the report shown stays as it was.
    assert!(matches!(
        host.run(shorter.clone(), Vec::new()),
        Err(attain_core::ReadError::BrowserRefused { .. })
    ));
    let same = host.run(Command::SetTemplates(vec![]), Vec::new()).unwrap();
    assert_eq!(same.table, b.table);
    // Handed: what the session that kept them gives, and they are let go again.
    for c in [
        shorter,
        Command::SelectSheet(0),
        Command::SelectSheet(b.sheet),
        Command::AddSheetDate(0),
    ] {
        let a = edit(&mut kept, c.clone());
        let b = host_edit(&mut host, c, file);
        assert_eq!(a, b);
        assert!(host.sources().iter().all(|s| s.cells().is_none()));
    }
    // A legacy choice is kept when the file is read again for a header correction.
    let file = "legacy/ben-tre-tcvn3-2023-11-07.xlsx";
    let mut host = Session::with_files_from_host();
    let a = open(&mut host, file);
    host_edit(&mut host, Command::SetLegacy(1, Choice::Off), file);
    let layout = a.table.as_ref().unwrap().layout;
    let b = host_edit(&mut host, Command::SetLayout(layout), file);
    assert_eq!(b.legacy_choices, vec![(1, Choice::Off)]);
    let first = &host.sources()[b.current].results().unwrap().indicators[0].units[0];
    assert_eq!(&*first.unit, "Thµnh phè BÕn Tre");
}

/// The Bến Tre report of 14-11-2023 shown, the one of 07-11-2023 before it.
fn ben_tre_two_dates() -> Session {
    let mut s = Session::new();
    open(&mut s, "analysis/ben-tre-2023-11-14.xlsx");
    s.run(
        Command::AddDate {
            name: "ben-tre-2023-11-07.xlsx".into(),
            options: ReadOptions::default(),
        },
        fixture("analysis/ben-tre-2023-11-07.xlsx"),
    )
    .unwrap();
    s
}

/// The results table's window, asked of the session, is the engine's window of the report
/// shown, compared with the date before it.
#[test]
fn the_results_table_asks_the_session_for_its_rows() {
    use attain_core::analysis::rows::{results_window, ResultsQuery, SortKey};
    use attain_core::analysis::Thresholds;
    use attain_core::session::WindowQuery;
    let mut s = ben_tre_two_dates();
    let query = WindowQuery {
        results: ResultsQuery {
            sort: SortKey::Rate,
            descending: true,
            offset: 2,
            limit: 3,
            ..ResultsQuery::default()
        },
        thresholds: Thresholds::default(),
        deadline: Date::new(2023, 12, 31),
        total_name: "Tổng cộng".into(),
    };
    let w = s.window(&query).unwrap();
    assert_eq!((w.offset, w.rows.len(), w.total_rows), (2, 3, 9));
    assert!(w.compared && w.with_outlook);
    // The rates fall down the window: the third to fifth highest.
    let rates: Vec<f64> = w.rows.iter().map(|r| r.rate.unwrap()).collect();
    assert!(rates.windows(2).all(|p| p[0] >= p[1]));
    assert_eq!(w.total.name, "Tổng cộng");
    let answer = edit(&mut s, Command::SetTemplates(vec![]));
    let now = &s.sources()[answer.current];
    assert_eq!(now.name, "ben-tre-2023-11-14.xlsx");
    let a = now.results().unwrap();
    let same = results_window(
        a,
        answer.comparison.as_ref(),
        query.thresholds,
        now.as_of(),
        query.deadline,
        &query.results,
        &query.total_name,
    );
    assert_eq!(Some(w), same);
}

/// The comparison the session keeps for its queries follows every change: after each command
/// a window and the summary are what a session that never answered a query gives.
#[test]
fn the_comparison_kept_for_the_queries_follows_every_change() {
    use attain_core::analysis::Thresholds;
    use attain_core::session::WindowQuery;
    let query = WindowQuery {
        results: ResultsQuery::default(),
        thresholds: Thresholds::default(),
        deadline: None,
        total_name: "Tổng cộng".into(),
    };
    let summary = attain_core::session::Query::Summary {
        lang: attain_core::report::Lang::Vi,
        deadline: None,
    };
    let earlier = ben_tre_two_dates().sources().len() - 1;
    let steps = [
        Command::FixMatch(MatchFix {
            current: "Ba Tri".into(),
            previous: "Bình Đại".into(),
        }),
        Command::SetAsOf(earlier, Date::new(2023, 11, 20)),
        Command::SetAsOf(earlier, None),
        Command::RemoveDate(earlier),
    ];
    let mut kept = ben_tre_two_dates();
    let first = kept.window(&query).unwrap();
    assert!(first.compared);
    let mut done = Vec::new();
    for step in steps {
        done.push(step.clone());
        edit(&mut kept, step);
        let mut fresh = ben_tre_two_dates();
        for c in &done {
            edit(&mut fresh, c.clone());
        }
        assert_eq!(kept.window(&query), fresh.window(&query));
        assert_eq!(kept.query(&summary), fresh.query(&summary));
    }
    // No date before the report shown any more: nothing compared.
    assert!(!kept.window(&query).unwrap().compared);
}

/// The summary and the exports, asked of the session, are the engine's own of the report
/// shown, with its comparison.
#[test]
fn the_summary_and_the_exports_come_from_the_session() {
    use attain_core::report::Lang;
    use attain_core::session::{ExportKind, Query, Reply};
    let s = ben_tre_two_dates();
    let Reply::Summary(Some(text)) = s.query(&Query::Summary {
        lang: Lang::Vi,
        deadline: Date::new(2023, 12, 31),
    }) else {
        panic!("a summary");
    };
    assert!(text.starts_with("Tính đến ngày 14-11-2023"), "{text}");
    assert!(text.contains("88,33%"), "{text}");
    let export = |kind| {
        let q = Query::Export {
            kind,
            indicator: 0,
            lang: Lang::En,
            deadline: None,
            file_name: "ben-tre-2023-11-14.xlsx".into(),
            charts: vec![],
            letterhead: Default::default(),
            dated: Date::new(2023, 11, 15),
            picture: None,
        };
        match s.query(&q) {
            Reply::Export(Ok(bytes)) => bytes,
            Reply::Workbook(book) => attain_core::report::xlsx::write(&book).unwrap(),
            Reply::Document(doc) => attain_core::report::docx::write(&doc).unwrap(),
            other => panic!("{other:?}"),
        }
    };
    let csv = String::from_utf8(export(ExportKind::Csv)).unwrap();
    let shown = s
        .sources()
        .iter()
        .find(|x| x.name == "ben-tre-2023-11-14.xlsx")
        .unwrap();
    assert_eq!(
        csv,
        attain_core::report::csv::results_csv(shown.results().unwrap())
    );
    assert_eq!(&export(ExportKind::Xlsx)[..2], b"PK");
    // The official sheet, read back: the published total.
    let official = export(ExportKind::Official);
    let back = attain_core::read_workbook("bao-cao.xlsx", &official).unwrap();
    let sheet = &back.sheets[0];
    assert_eq!(sheet.name, "Report");
    assert_eq!(
        sheet.cell(0, 3),
        attain_core::model::CellRef::Text("SOCIALIST REPUBLIC OF VIETNAM")
    );
    assert_eq!(&export(ExportKind::Word)[..2], b"PK");
    let html = String::from_utf8(export(ExportKind::Html)).unwrap();
    assert!(html.contains("ben-tre-2023-11-14.xlsx") && html.contains("88.33%"));
    // Nothing to say of a session without a report.
    let empty = Session::new();
    assert_eq!(
        empty.query(&Query::Summary {
            lang: Lang::En,
            deadline: None
        }),
        Reply::Summary(None)
    );
}

/// The app's worker keeps the user's file and hands its bytes again to read it with other
/// choices: the session keeps no copy, and the re-read gives what a session that kept one
/// gives; without the bytes there is nothing to read.
#[test]
fn a_text_file_is_read_again_from_the_hosts_bytes() {
    let path = "ben-tre-cp1258-comma.csv";
    let western = ReadOptions {
        encoding: Some("windows-1252".into()),
        ..Default::default()
    };
    let first_unit = |s: &Session, a: &Answer| -> String {
        s.sources()[a.current]
            .results()
            .and_then(|r| {
                r.indicators
                    .first()?
                    .units
                    .first()
                    .map(|u| u.unit.to_string())
            })
            .unwrap_or_default()
    };
    let mut kept = Session::new();
    let mut handed = Session::with_files_from_host();
    let a = open(&mut kept, path);
    let b = open(&mut handed, path);
    assert_eq!(first_unit(&kept, &a), "Thành phố Bến Tre");
    assert_eq!(first_unit(&handed, &b), "Thành phố Bến Tre");
    assert_eq!(handed.current_read(), Some(1));
    let a = kept
        .run(Command::Reread(western.clone()), Vec::new())
        .unwrap();
    let b = handed
        .run(Command::Reread(western.clone()), fixture(path))
        .unwrap();
    assert_ne!(first_unit(&kept, &a), "Thành phố Bến Tre");
    assert_eq!(first_unit(&kept, &a), first_unit(&handed, &b));
    assert_eq!(a.options, western);
    assert_eq!(b.options, western);
    // The re-read is a read of its own: the host keeps the file under it, lets go of none.
    assert_eq!(handed.current_read(), Some(2));
    assert!(handed.holds_read(2) && !handed.holds_read(1));
    // Nothing kept, nothing handed: the report shown stays, the user is asked for the file.
    assert!(matches!(
        handed.run(Command::Reread(ReadOptions::default()), Vec::new()),
        Err(attain_core::ReadError::BrowserRefused { .. })
    ));
    assert_eq!((handed.current_read(), handed.last_read()), (Some(2), 2));
    // A file refused becomes no source: no read to keep.
    let refused = handed.run(
        Command::Open {
            name: "bao-cao.pdf".into(),
            options: ReadOptions::default(),
            templates: vec![],
        },
        fixture("bao-cao.pdf"),
    );
    assert!(refused.is_err());
    assert_eq!((handed.current_read(), handed.last_read()), (Some(2), 2));
    // The same file as another date (no date of its own, so not a later one): a read of its
    // own; the report shown keeps its read.
    let later = handed.run(
        Command::AddDate {
            name: "ben-tre-cp1258-comma.csv".into(),
            options: ReadOptions::default(),
        },
        fixture(path),
    );
    assert!(later.is_ok());
    assert_eq!(handed.last_read(), 3);
    assert!(handed.holds_read(3));
    assert_eq!(handed.current_read(), Some(2));
}
