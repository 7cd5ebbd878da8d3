//! The report in the official layout (report::official): written as an Excel sheet, checked
//! cell by cell (title block, merged headers, formulas, page set-up) and read back by the
//! engine, which must find the same figures.

use attain_core::analysis::Analysis;
use attain_core::dates::Date;
use attain_core::model::CellRef;
use attain_core::report::csv::result_rows;
use attain_core::report::official::{plan, table, Letterhead, LineKind};
use attain_core::report::xlsx::write;
use attain_core::report::Lang;
use attain_core::session::{Session, Sheets};
use attain_core::text::name_key;
use std::collections::BTreeMap;
use std::io::Read;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/");

fn bytes(path: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}{path}")).unwrap()
}

fn session_of(files: &[&str], targets: Option<&str>) -> Session {
    let mut s = Session::new();
    for f in files {
        s.add_file(f, &bytes(f), &Default::default(), &Sheets::Best)
            .unwrap();
    }
    if let Some(t) = targets {
        s.set_targets(t, &bytes(t), &Default::default()).unwrap();
    }
    s
}

fn latest(s: &Session) -> &Analysis {
    s.report_of(s.series().unwrap().latest).unwrap()
}

/// Every row of the results by (level, name key, indicator): achieved, target, rate, gap.
fn figures(a: &Analysis) -> BTreeMap<(String, String, String), [Option<f64>; 4]> {
    result_rows(a)
        .into_iter()
        .filter(|r| r.level != "not_reported")
        .map(|r| {
            let level = if r.level == "unit" || r.level == "total" {
                r.level
            } else {
                "parent".into()
            };
            (
                (level, name_key(&r.unit), r.indicator),
                [r.achieved, r.target, r.rate, r.gap],
            )
        })
        .collect()
}

fn official_xlsx(a: &Analysis, as_of: Option<Date>, lang: Lang) -> Vec<u8> {
    let letterhead = Letterhead {
        agency_above: "UBND tỉnh Bến Tre".into(),
        agency: "Công an tỉnh".into(),
        place: "Bến Tre".into(),
        preparer: "Nguyễn Văn A".into(),
        signer: "Trần Thị B".into(),
        ..Letterhead::default()
    };
    write(&plan(
        &table(a),
        &letterhead,
        as_of,
        Date::new(2023, 11, 15),
        lang,
    ))
    .unwrap()
}

fn read_back(bytes: &[u8]) -> Session {
    let mut s = Session::new();
    s.add_file("bao-cao.xlsx", bytes, &Default::default(), &Sheets::Best)
        .unwrap();
    s
}

/// The sheet's XML, to read its formulas, merged ranges and page set-up.
fn sheet_xml(bytes: &[u8]) -> (String, String) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    (read("xl/worksheets/sheet1.xml"), read("xl/workbook.xml"))
}

/// The three district reports of 14-11-2023 combined, with the province's assignment.
fn three_districts() -> Session {
    session_of(
        &[
            "combine/chau-thanh-2023-11-14.xlsx",
            "combine/cho-lach-2023-11-14.csv",
            "combine/mo-cay-nam-2023-11-14.xlsx",
        ],
        Some("combine/giao-chi-tieu-2023.xlsx"),
    )
}

#[test]
fn three_districts_combined_with_targets_read_back_with_the_same_figures() {
    let s = three_districts();
    let a = latest(&s);
    let t = table(a);
    // The total first, then each district's subtotal above its communes, numbered I, II, III.
    assert_eq!(t.lines[0].kind, LineKind::Total);
    let districts: Vec<(&str, &str)> = t
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::Group(0))
        .map(|l| (l.stt.as_str(), l.name.as_str()))
        .collect();
    assert_eq!(
        districts,
        [
            ("I", "Huyện Châu Thành"),
            ("II", "Huyện Chợ Lách"),
            ("III", "Huyện Mỏ Cày Nam")
        ]
    );
    assert_eq!(t.lines[1].kind, LineKind::Group(0));
    assert_eq!(t.lines[2].stt, "1");
    assert_eq!(t.unreported.len(), 2);

    let as_of = Date::new(2023, 11, 14);
    let xlsx = official_xlsx(a, as_of, Lang::Vi);
    let back = read_back(&xlsx);
    let b = latest(&back);
    assert_eq!(back.sources()[0].as_of(), as_of);
    assert_eq!(figures(b), figures(a));
    // 47 communes of the three districts, each district's Σ/Σ, the whole.
    assert_eq!(b.indicators[0].units.len(), a.indicators[0].units.len());
    assert_eq!(
        b.indicators[0].total.achieved,
        a.indicators[0].total.achieved
    );
    assert_eq!(b.indicators[0].total.target, a.indicators[0].total.target);

    // Cell by cell: the title block, the headers, the column numbers, the total, the signers.
    let sheet = &attain_core::read_workbook("bao-cao.xlsx", &xlsx)
        .unwrap()
        .sheets[0];
    assert_eq!(sheet.name, "Báo cáo");
    let text = |r: usize, c: usize| match sheet.cell(r, c) {
        CellRef::Text(t) => t.to_string(),
        other => format!("{other:?}"),
    };
    assert_eq!(text(0, 0), "UBND TỈNH BẾN TRE");
    assert_eq!(text(0, 3), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(text(1, 0), "CÔNG AN TỈNH");
    assert_eq!(text(1, 3), "Độc lập - Tự do - Hạnh phúc");
    assert_eq!(text(2, 3), "Bến Tre, ngày 15 tháng 11 năm 2023");
    assert_eq!(text(4, 0), "BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU");
    assert_eq!(text(5, 0), "(Số liệu tính đến ngày 14/11/2023)");
    assert_eq!(text(7, 0), "STT");
    assert_eq!(text(7, 1), "Đơn vị");
    assert_eq!(text(7, 2), a.indicators[0].name);
    assert_eq!(
        (text(8, 2), text(8, 3), text(8, 4), text(8, 5)),
        (
            "Chỉ tiêu".into(),
            "Đã đạt".into(),
            "Tỷ lệ".into(),
            "Còn lại".into()
        )
    );
    assert_eq!(text(9, 4), "(5)=(4)/(3)");
    assert_eq!(text(10, 1), "Tổng cộng");
    assert_eq!(
        sheet.cell(10, 3),
        CellRef::Number(a.indicators[0].total.achieved)
    );
    assert_eq!(text(11, 0), "I");
    let rows = sheet.row_count();
    let signers: Vec<String> = (0..rows).map(|r| text(r, 0)).collect();
    assert!(signers.contains(&"NGƯỜI LẬP BIỂU".to_string()));
    assert!(signers.contains(&"Nguyễn Văn A".to_string()));
    assert!(signers
        .iter()
        .any(|t| t.starts_with("Chưa báo cáo (2): Xã Hòa Nghĩa (Chợ Lách)")));

    // Formulas over the cells, merged headers, A4 landscape, print titles, frozen panes.
    let (xml, workbook) = sheet_xml(&xlsx);
    for f in [
        "<f>SUM(C12,C34,C45)</f>",
        "<f>SUM(C13:C33)</f>",
        "<f>IF(N(C13)&gt;0,D13/C13,\"\")</f>",
        "<f>C13-D13</f>",
    ] {
        assert!(xml.contains(f), "{f} not in the sheet");
    }
    for m in ["A8:A9", "B8:B9", "C8:F8", "G8:J8", "D1:J1", "A5:J5"] {
        assert!(xml.contains(&format!("<mergeCell ref=\"{m}\"/>")), "{m}");
    }
    assert!(xml.contains("orientation=\"landscape\""));
    assert!(xml.contains("paperSize=\"9\""));
    assert!(xml.contains("fitToHeight=\"0\""));
    assert!(xml.contains("xSplit=\"2\" ySplit=\"10\""));
    assert!(workbook.contains("_xlnm.Print_Titles"));
    assert!(workbook.contains("$8:$10"));
}

/// The published Bến Tre figure survives the round trip: 822.139 / 930.767 = 88,33%.
#[test]
fn the_published_ben_tre_total_reads_back() {
    let s = session_of(&["reports/ben-tre-report.xlsx"], None);
    let a = latest(&s);
    let back = read_back(&official_xlsx(a, Date::new(2023, 11, 14), Lang::En));
    let b = latest(&back);
    let total = &b.indicators[0].total;
    assert_eq!((total.achieved, total.target), (822_139.0, 930_767.0));
    assert_eq!(format!("{:.4}", total.achieved / total.target), "0.8833");
    assert_eq!(figures(b), figures(a));
}

/// A wide report of four indicators keeps each indicator's four columns.
#[test]
fn four_indicators_side_by_side() {
    let s = session_of(&["analysis/binh-phuoc-2024-07-03.xlsx"], None);
    let a = latest(&s);
    let xlsx = official_xlsx(a, Date::new(2024, 7, 3), Lang::Vi);
    let back = read_back(&xlsx);
    assert_eq!(figures(latest(&back)), figures(a));
    let (xml, _) = sheet_xml(&xlsx);
    for m in ["C8:F8", "G8:J8", "K8:N8", "O8:R8"] {
        assert!(xml.contains(&format!("<mergeCell ref=\"{m}\"/>")), "{m}");
    }
    // 4G above its target: 22.471 / 22.095 = 101,70%, what remains negative.
    let four_g = &latest(&back).indicators[2];
    assert_eq!(four_g.total.achieved, 22_471.0);
    assert_eq!(four_g.total.target, 22_095.0);
}

/// A one-pixel PNG, standing for the chart the page draws.
const PIXEL: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

/// The Word report: the motto, the title, the summary with its figures, the table, the
/// picture and the signer, in the parts Word and LibreOffice read.
#[test]
fn the_word_report_holds_the_motto_summary_table_picture_and_signer() {
    use attain_core::report::docx::{write, Document, Picture};
    use attain_core::report::summary::{summary, Context};
    let s = three_districts();
    let a = latest(&s);
    let as_of = Date::new(2023, 11, 14);
    let context = Context {
        as_of,
        comparison: None,
        deadline: None,
    };
    let doc = Document {
        letterhead: Letterhead {
            agency_above: "UBND tỉnh Bến Tre".into(),
            agency: "Công an tỉnh".into(),
            place: "Bến Tre".into(),
            signer_title: "Giám đốc".into(),
            signer: "Trần Thị B".into(),
            ..Letterhead::default()
        },
        as_of,
        dated: Date::new(2023, 11, 15),
        lang: Lang::Vi,
        summary: summary(a, context, Lang::Vi),
        table: table(a),
        picture: Some(Picture {
            png: PIXEL.to_vec(),
            width: 800,
            height: 400,
        }),
    };
    let bytes = write(&doc).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let xml = read("word/document.xml");
    let styles = read("word/styles.xml");
    // The document's text, one run after another.
    let text: String = xml
        .split("<w:t")
        .skip(1)
        .filter(|piece| piece.starts_with('>') || piece.starts_with(' '))
        .filter_map(|piece| {
            let open = piece.find('>')?;
            let close = piece.find("</w:t>")?;
            (open < close).then(|| format!("{}|", &piece[open + 1..close]))
        })
        .collect();
    for t in [
        "UBND TỈNH BẾN TRE",
        "CÔNG AN TỈNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Bến Tre, ngày 15 tháng 11 năm 2023",
        "BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU",
        "(Số liệu tính đến ngày 14/11/2023)",
        "Thu nhận 263.753/282.916, đạt tỷ lệ 93,23%",
        "|Tổng cộng|",
        "|Huyện Chợ Lách|",
        "|105,40%|",
        "Chưa báo cáo (2): Xã Hòa Nghĩa (Chợ Lách)",
        "GIÁM ĐỐC",
        "Trần Thị B",
    ] {
        assert!(text.contains(t), "{t} not in the document");
    }
    // The results table (and the two borderless layout tables), and the picture.
    assert!(xml.matches("<w:tbl>").count() >= 3);
    assert!(xml.contains("w:gridSpan w:val=\"4\""));
    assert!(xml.contains("<pic:pic"));
    let media: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.starts_with("word/media/") && n.ends_with(".png"))
        .map(|n| n.to_string())
        .collect();
    assert_eq!(media.len(), 1, "{media:?}");
    assert!(styles.contains("Times New Roman"));
    // Two indicators: landscape A4.
    assert!(xml.contains("w:orient=\"landscape\""));
}

/// Four indicators in Word: a table each (sixteen figure columns would not fit the page),
/// on portrait pages.
#[test]
fn four_indicators_in_word_are_a_table_each() {
    use attain_core::report::docx::{write, Document};
    let s = session_of(&["analysis/binh-phuoc-2024-07-03.xlsx"], None);
    let a = latest(&s);
    let doc = Document {
        letterhead: Letterhead::default(),
        as_of: Date::new(2024, 7, 3),
        dated: Date::new(2024, 7, 4),
        lang: Lang::Vi,
        summary: String::new(),
        table: table(a),
        picture: None,
    };
    let bytes = write(&doc).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // The letterhead's and the signature's layout tables, and one table per indicator.
    assert_eq!(xml.matches("<w:tbl>").count(), 2 + 4);
    assert_eq!(xml.matches("w:gridSpan w:val=\"4\"").count(), 4);
    assert!(!xml.contains("w:orient=\"landscape\""));
    assert!(xml.contains(">Điện thoại thông minh 4G<"));
}
