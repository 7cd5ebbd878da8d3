//! Every error, warning and notice of the engine in words, Vietnamese and English: the one
//! place the app and the command line take them from. Errors carry facts (which part, which
//! limit, the sizes); the low-level cause a library gives is never part of a sentence here
//! (`ReadError::detail` keeps it for "chi tiết" / "details").

use super::format::{count, rate, Lang};
use crate::analysis::series::{Missing, OutlookStatus};
use crate::analysis::{MappingError, SkipReason, Warning};
use crate::ingest::{Found, Limit, Part, ReadError};
use crate::legacy::Legacy;
use crate::session::SourceError;
use crate::table::TableError;

/// Why a file could not be read, as a clause ("the file is empty"), without the file's name.
pub fn read_error(lang: Lang, error: &ReadError) -> String {
    let vi = lang == Lang::Vi;
    let pick = |v: &str, e: &str| if vi { v.to_string() } else { e.to_string() };
    match error {
        ReadError::Empty => pick("tệp rỗng, không có dữ liệu", "the file is empty"),
        ReadError::Pdf => pick(
            "đây là tài liệu PDF, không phải bảng tính; hãy mở báo cáo bằng Excel và lưu thành .xlsx hoặc .csv",
            "this is a PDF document, not a spreadsheet; open the report in Excel and save it as .xlsx or .csv",
        ),
        ReadError::Unsupported(found) => {
            let what = match found {
                Found::ZipWithoutWorkbook => pick(
                    "đây là một tệp nén không chứa sổ làm việc (tài liệu Word .docx hay một thư mục nén?)",
                    "this is a compressed archive with no workbook inside (a Word .docx, or a zipped folder?)",
                ),
                Found::OfficeWithoutWorkbook => pick(
                    "đây là một tài liệu Office không chứa sổ làm việc (tài liệu Word .doc hay bản trình chiếu .ppt?)",
                    "this is an Office document with no workbook inside (a Word .doc, or a .ppt presentation?)",
                ),
                Found::Binary => pick(
                    "nội dung tệp không phải chữ, cũng không phải sổ làm việc (một hình ảnh hay chương trình?)",
                    "its content is neither text nor a workbook (a picture, or a program?)",
                ),
            };
            what + &pick(
                "; hãy dùng .xlsx, .xls, .xlsb, .ods, .csv, .tsv hoặc .txt",
                "; use .xlsx, .xls, .xlsb, .ods, .csv, .tsv or .txt",
            )
        }
        ReadError::NotAWorkbook { extension } => match lang {
            Lang::Vi => format!("tệp có đuôi .{extension} nhưng nội dung không phải sổ làm việc Excel hay OpenDocument; tệp có thể bị hỏng hoặc bị đổi tên"),
            Lang::En => format!("the file is named .{extension} but its content is not an Excel or OpenDocument workbook; it may be damaged or renamed"),
        },
        ReadError::Damaged { part, .. } => {
            let what = match (lang, part) {
                (Lang::Vi, Part::Package) => "gói nén của sổ làm việc bị hỏng (có thể tệp chưa được tải về hoặc chép hết)".into(),
                (Lang::En, Part::Package) => "the workbook's compressed package is broken (the file may not have been downloaded or copied in full)".into(),
                (Lang::Vi, Part::CompoundFile) => "phần vỏ của tệp .xls bị hỏng".into(),
                (Lang::En, Part::CompoundFile) => "the container of the .xls file is broken".into(),
                (Lang::Vi, Part::Workbook) => "dữ liệu bên trong sổ làm việc bị hỏng".into(),
                (Lang::En, Part::Workbook) => "the records inside the workbook are broken".into(),
                (Lang::Vi, Part::Sheet(name)) => format!("không đọc được các ô của trang tính “{name}”"),
                (Lang::En, Part::Sheet(name)) => format!("the cells of the sheet “{name}” could not be read"),
                (Lang::Vi, Part::Text) => "không tách được các dòng của tệp văn bản thành từng ô".into(),
                (Lang::En, Part::Text) => "the lines of the text file could not be split into fields".into(),
            };
            what + &pick(
                "; hãy mở tệp bằng Excel và lưu lại",
                "; open it in Excel and save it again",
            )
        }
        ReadError::Encrypted => pick(
            "sổ làm việc được bảo vệ bằng mật khẩu; hãy mở bằng Excel, gỡ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi lưu một bản sao",
            "the workbook is protected by a password; open it in Excel, remove the password (File › Info › Protect Workbook) and save a copy",
        ),
        ReadError::NoData => pick("tệp không có dữ liệu", "the file holds no data"),
        ReadError::ReaderStopped => pick(
            "bộ đọc dừng giữa chừng khi đọc tệp này; tệp có thể bị hỏng hoặc quá phức tạp. Attain đã khởi động lại bộ đọc: hãy thử tệp khác, hoặc mở tệp bằng Excel và lưu lại",
            "the reader stopped while reading this file; the file may be damaged or too complex. Attain has restarted its reader: try another file, or save this one again from Excel",
        ),
        ReadError::ReaderMismatch { .. } => pick(
            "trang và bộ đọc của Attain không hiểu nhau (có thể vừa có phiên bản mới); hãy tải lại trang rồi thử lại",
            "the page and Attain's reader did not understand each other (a new version may have just arrived); reload the page and try again",
        ),
        ReadError::BrowserRefused { .. } => pick(
            "trình duyệt không cho đọc tệp (tệp có thể đã bị chuyển đi, bị xóa hoặc bị khóa); hãy chọn lại tệp",
            "the browser would not hand over the file (it may have been moved, removed or locked); pick the file again",
        ),
        ReadError::TooLarge(limit) => {
            let what = too_large(lang, limit);
            what + &pick(
                "; hãy tách báo cáo hoặc xóa các trang tính không dùng",
                "; split the report or remove unused sheets",
            )
        }
    }
}

/// Which limit a file went beyond, as a clause.
fn too_large(lang: Lang, limit: &Limit) -> String {
    let n = |x: u64| count(x as f64, lang);
    let mb = |x: u64| count((x / (1024 * 1024)) as f64, lang);
    let kb = |x: u64| count((x / 1024) as f64, lang);
    let sheet_vi = |s: &Option<String>| {
        s.as_ref()
            .map_or("tệp".into(), |s| format!("trang tính “{s}”"))
    };
    let sheet_en = |s: &Option<String>| {
        s.as_ref()
            .map_or("the file".into(), |s| format!("the sheet “{s}”"))
    };
    match (lang, limit) {
        (Lang::Vi, Limit::FileSize { bytes, max }) => format!(
            "tệp quá lớn để đọc ở đây ({} MB, tối đa {} MB)",
            mb(*bytes),
            mb(*max)
        ),
        (Lang::En, Limit::FileSize { bytes, max }) => format!(
            "the file is too large to read here ({} MB, the limit is {} MB)",
            mb(*bytes),
            mb(*max)
        ),
        (Lang::Vi, Limit::Inflated { max }) => {
            format!("khi giải nén, các phần của tệp sẽ vượt quá {} MB", mb(*max))
        }
        (Lang::En, Limit::Inflated { max }) => {
            format!("its parts would inflate to more than {} MB", mb(*max))
        }
        (Lang::Vi, Limit::SharedStrings { declared, max }) => format!(
            "tệp khai báo {} đoạn chữ khác nhau, tối đa {}",
            n(*declared),
            n(*max)
        ),
        (Lang::En, Limit::SharedStrings { declared, max }) => format!(
            "it declares {} distinct texts, the limit is {}",
            n(*declared),
            n(*max)
        ),
        (
            Lang::Vi,
            Limit::Cells {
                sheet,
                declared: Some(d),
                max,
            },
        ) => format!(
            "{} có khoảng {} ô, tối đa {} ô",
            sheet_vi(sheet),
            n(*d),
            n(*max)
        ),
        (
            Lang::En,
            Limit::Cells {
                sheet,
                declared: Some(d),
                max,
            },
        ) => format!(
            "{} holds about {} cells, the limit is {}",
            sheet_en(sheet),
            n(*d),
            n(*max)
        ),
        (
            Lang::Vi,
            Limit::Cells {
                sheet,
                declared: None,
                max,
            },
        ) => format!("{} có hơn {} ô", sheet_vi(sheet), n(*max)),
        (
            Lang::En,
            Limit::Cells {
                sheet,
                declared: None,
                max,
            },
        ) => format!("{} holds more than {} cells", sheet_en(sheet), n(*max)),
        (
            Lang::Vi,
            Limit::Grid {
                sheet,
                rows,
                columns,
            },
        ) => format!(
            "trang tính “{sheet}” có ô nằm ngoài {} dòng × {} cột",
            n(*rows),
            n(*columns)
        ),
        (
            Lang::En,
            Limit::Grid {
                sheet,
                rows,
                columns,
            },
        ) => format!(
            "the sheet “{sheet}” has a cell beyond {} rows × {} columns",
            n(*rows),
            n(*columns)
        ),
        (Lang::Vi, Limit::CellText { sheet, bytes, max }) => format!(
            "trang tính “{sheet}” có một ô chứa {} KB chữ, tối đa {} KB",
            kb(*bytes),
            kb(*max)
        ),
        (Lang::En, Limit::CellText { sheet, bytes, max }) => format!(
            "the sheet “{sheet}” has a cell of {} KB of text, the limit is {} KB",
            kb(*bytes),
            kb(*max)
        ),
        (Lang::Vi, Limit::Element { max }) => {
            format!("nội dung tệp có một phần tử lớn hơn {} MB", mb(*max))
        }
        (Lang::En, Limit::Element { max }) => {
            format!("its content has an element larger than {} MB", mb(*max))
        }
        (Lang::Vi, Limit::WorkbookStream) => "phần dữ liệu của sổ làm việc .xls quá dài".into(),
        (Lang::En, Limit::WorkbookStream) => "the data of the .xls workbook is too long".into(),
    }
}

/// Why a file could not be read, as a sentence naming the file.
pub fn read_failed(lang: Lang, file: &str, error: &ReadError) -> String {
    let reason = read_error(lang, error);
    match lang {
        Lang::Vi => format!("Không đọc được tệp “{file}”: {reason}."),
        Lang::En => format!("Could not read “{file}”: {reason}."),
    }
}

/// The label of the low-level cause kept behind a message.
pub fn details_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Chi tiết",
        Lang::En => "Details",
    }
}

/// Why no table was found in a sheet.
pub fn table_error(lang: Lang, error: &TableError) -> String {
    match (lang, error) {
        (Lang::Vi, TableError::EmptySheet(s)) => format!("Trang tính “{s}” trống."),
        (Lang::En, TableError::EmptySheet(s)) => format!("The sheet “{s}” is empty."),
        (Lang::Vi, TableError::NoRows(s)) => {
            format!("Trang tính “{s}” có dòng tiêu đề nhưng không có dòng số liệu nào bên dưới.")
        }
        (Lang::En, TableError::NoRows(s)) => {
            format!("The sheet “{s}” has a header row but no rows under it.")
        }
    }
}

/// Why the chosen columns cannot be used; each says where to fix it: the mapping panel
/// ("Cách ghép cột" / "Column mapping").
pub fn mapping_error(lang: Lang, error: &MappingError) -> String {
    match (lang, error) {
        (Lang::Vi, MappingError::NoSuchColumn(i)) => format!(
            "Không có cột số {} trong bảng: hãy chọn lại cột trong phần “Cách ghép cột”.",
            i + 1
        ),
        (Lang::En, MappingError::NoSuchColumn(i)) => format!(
            "Column {} is not in the table: choose the columns again under “Column mapping”.",
            i + 1
        ),
        (Lang::Vi, MappingError::SameColumn(c)) => format!(
            "Cột “{c}” đang được chọn cho hai vai trò; mỗi cột chỉ giữ một vai trò: hãy đổi một trong hai trong phần “Cách ghép cột”."
        ),
        (Lang::En, MappingError::SameColumn(c)) => format!(
            "The column “{c}” is chosen for two roles; a column has one role: change one of them under “Column mapping”."
        ),
        (Lang::Vi, MappingError::NoIndicator) => {
            "Chưa có chỉ tiêu nào: hãy chọn một cột số “đã đạt” trong phần “Cách ghép cột”.".into()
        }
        (Lang::En, MappingError::NoIndicator) => {
            "No indicator is mapped: choose an achieved column under “Column mapping”.".into()
        }
        (Lang::Vi, MappingError::NotNumeric(c)) => format!(
            "Cột “{c}” không chứa số: hãy chọn một cột số khác trong phần “Cách ghép cột”, hoặc sửa dòng tiêu đề trong “Kiểm tra bảng đã nhận diện”."
        ),
        (Lang::En, MappingError::NotNumeric(c)) => format!(
            "The column “{c}” holds no numbers: choose another column under “Column mapping”, or correct the header rows under “Check the table found”."
        ),
    }
}

/// Why a file gave no results, as a sentence naming the file.
pub fn source_error(lang: Lang, error: &SourceError) -> String {
    match (lang, error) {
        (_, SourceError::Read { file, error }) => read_failed(lang, file, error),
        (Lang::Vi, SourceError::NoSuchSheet { file, sheet }) => {
            format!("Tệp “{file}” không có trang tính nào tên “{sheet}”.")
        }
        (Lang::En, SourceError::NoSuchSheet { file, sheet }) => {
            format!("“{file}” has no sheet named “{sheet}”.")
        }
        (Lang::Vi, SourceError::Table { file, error }) => {
            format!("Tệp “{file}”: {}", table_error(lang, error))
        }
        (Lang::En, SourceError::Table { file, error }) => {
            format!("“{file}”: {}", table_error(lang, error))
        }
        (Lang::Vi, SourceError::NoMapping { file }) => {
            format!("Tệp “{file}”: không tìm thấy cột tên đơn vị và cột số liệu để so sánh.")
        }
        (Lang::En, SourceError::NoMapping { file }) => {
            format!("“{file}”: no column of unit names and figures to compare was found.")
        }
        (Lang::Vi, SourceError::Mapping { file, error }) => {
            format!("Tệp “{file}”: {}", mapping_error(lang, error))
        }
        (Lang::En, SourceError::Mapping { file, error }) => {
            format!("“{file}”: {}", mapping_error(lang, error))
        }
        (Lang::Vi, SourceError::NoSheetWithTable { file }) => {
            format!("Tệp “{file}”: không trang tính nào có bảng đơn vị và số liệu.")
        }
        (Lang::En, SourceError::NoSheetWithTable { file }) => {
            format!("“{file}”: no sheet holds a table of units and figures.")
        }
        (Lang::Vi, SourceError::NoAssignment { file }) => format!(
            "Tệp “{file}” không phải tệp giao chỉ tiêu: không tìm thấy cột tên đơn vị và cột số chỉ tiêu."
        ),
        (Lang::En, SourceError::NoAssignment { file }) => format!(
            "“{file}” is not a target assignment: no column of unit names with a column of target figures was found."
        ),
        (Lang::Vi, SourceError::NothingInCommon { file, report, targets }) => format!(
            "Tệp chỉ tiêu “{file}” không có đơn vị nào trùng tên với báo cáo (báo cáo có: {}; tệp chỉ tiêu có: {}). Hãy kiểm tra có đúng tệp không.",
            quoted(report),
            quoted(targets)
        ),
        (Lang::En, SourceError::NothingInCommon { file, report, targets }) => format!(
            "The targets file “{file}” has no unit in common with the report (the report has: {}; the targets file has: {}). Check that it is the right file.",
            quoted(report),
            quoted(targets)
        ),
    }
}

/// Names in quotes, separated by commas.
fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("“{n}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How a body row was set aside.
pub fn skip_reason(lang: Lang, reason: &SkipReason) -> String {
    match (lang, reason) {
        (Lang::Vi, SkipReason::TotalsRow(l)) => format!("dòng tổng “{l}”: không tính là đơn vị"),
        (Lang::En, SkipReason::TotalsRow(l)) => format!("totals row “{l}”: not counted as a unit"),
        (Lang::Vi, SkipReason::NoUnitName) => "có số liệu nhưng không có tên đơn vị".into(),
        (Lang::En, SkipReason::NoUnitName) => "figures without a unit name".into(),
        (Lang::Vi, SkipReason::NoFigures(l)) => {
            format!("“{l}” không có số chỉ tiêu hay số đã đạt")
        }
        (Lang::En, SkipReason::NoFigures(l)) => {
            format!("“{l}” has neither a target nor an achieved figure")
        }
        (Lang::Vi, SkipReason::Heading(l)) => {
            format!("dòng tiêu đề nhóm “{l}”: là cấp trên của các dòng bên dưới, số liệu của nó được đối chiếu như dòng cộng")
        }
        (Lang::En, SkipReason::Heading(l)) => {
            format!("group heading “{l}”: the parent of the rows under it; its figures are checked as a subtotal")
        }
    }
}

/// A column's legacy font conversion: "Cột B (Đơn vị): đã chuyển từ TCVN3, 9 ô." (`column`:
/// its letter and header; `converted`: the encoding and the cells changed, or none).
pub fn legacy_column(lang: Lang, column: &str, converted: Option<(Legacy, usize)>) -> String {
    match (lang, converted) {
        (Lang::Vi, Some((e, n))) => format!("Cột {column}: đã chuyển từ {}, {n} ô.", e.label()),
        (Lang::En, Some((e, n))) => {
            format!("Column {column}: converted from {}, {n} cells.", e.label())
        }
        (Lang::Vi, None) => format!("Cột {column}: không chuyển."),
        (Lang::En, None) => format!("Column {column}: not converted."),
    }
}

/// The legacy notice's headline: "đã chuyển 3 cột từ TCVN3 sang Unicode (29 ô)" (`encodings`:
/// the encodings' names, joined).
pub fn legacy_summary(lang: Lang, columns: usize, encodings: &str, cells: usize) -> String {
    match lang {
        Lang::Vi => format!("đã chuyển {columns} cột từ {encodings} sang Unicode ({cells} ô)"),
        Lang::En => {
            format!("{columns} columns converted from {encodings} to Unicode ({cells} cells)")
        }
    }
}

/// A file the command line could not open (`detail`: the system's words, kept apart).
pub fn cannot_open(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Vi => format!("Không mở được tệp “{path}”: hãy kiểm tra đường dẫn và quyền đọc."),
        Lang::En => {
            format!("Could not open “{path}”: check the path and the permission to read it.")
        }
    }
}

/// A file the command line could not write (`detail`: the system's words, kept apart).
pub fn cannot_write(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Vi => format!("Không ghi được tệp “{path}”: hãy kiểm tra thư mục và quyền ghi."),
        Lang::En => {
            format!("Could not write “{path}”: check the folder and the permission to write.")
        }
    }
}

/// Why an export could not be written.
pub fn export_failed(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Không tạo được tệp Excel; hãy thử lại, hoặc xuất CSV.",
        Lang::En => "The Excel file could not be written; try again, or export CSV.",
    }
}

/// A warning about the data, as a sentence.
pub fn warning(lang: Lang, w: &Warning) -> String {
    let r = |x: f64| rate(Some(x), lang);
    let n = |x: f64| count(x, lang);
    match (lang, w) {
        (Lang::Vi, Warning::NoTarget { indicator, unit, source_row }) => format!(
            "Dòng {source_row}, {unit} ({indicator}): không có chỉ tiêu hoặc chỉ tiêu bằng 0, nên chưa tính được tỷ lệ."
        ),
        (Lang::En, Warning::NoTarget { indicator, unit, source_row }) => format!(
            "Row {source_row}, {unit} ({indicator}): no target, or a target of 0, so no rate."
        ),
        (Lang::Vi, Warning::Unreadable { unit, cell, column, text }) => format!(
            "Ô {cell} ({unit}, cột “{column}”) ghi “{text}”, không phải số; để trống, không coi là 0."
        ),
        (Lang::En, Warning::Unreadable { unit, cell, column, text }) => format!(
            "Cell {cell} ({unit}, “{column}”) holds “{text}”, not a number; left empty, not zero."
        ),
        (Lang::Vi, Warning::Negative { unit, cell, value }) => {
            format!("Ô {cell} ({unit}) là số âm: {}.", n(*value))
        }
        (Lang::En, Warning::Negative { unit, cell, value }) => {
            format!("Cell {cell} ({unit}) is negative: {}.", n(*value))
        }
        (Lang::Vi, Warning::FarAbove { indicator, unit, source_row, rate: x }) => format!(
            "Dòng {source_row}, {unit} ({indicator}): đạt {} chỉ tiêu, cao bất thường; có thể nhập nhầm số.",
            r(*x)
        ),
        (Lang::En, Warning::FarAbove { indicator, unit, source_row, rate: x }) => format!(
            "Row {source_row}, {unit} ({indicator}): {} of target, unusually high; possibly a typing error.",
            r(*x)
        ),
        (Lang::Vi, Warning::Duplicate { unit, rows }) => {
            format!("Đơn vị “{unit}” xuất hiện nhiều lần: dòng {}.", list(rows))
        }
        (Lang::En, Warning::Duplicate { unit, rows }) => {
            format!("The unit “{unit}” appears more than once: rows {}.", list(rows))
        }
        (Lang::Vi, Warning::TotalMismatch { label, cell, column, stated, computed }) => format!(
            "Ô {cell} (“{label}”, cột “{column}”) ghi {}, nhưng các đơn vị cộng lại được {} (lệch {}).",
            n(*stated),
            n(*computed),
            n(stated - computed)
        ),
        (Lang::En, Warning::TotalMismatch { label, cell, column, stated, computed }) => format!(
            "Cell {cell} (“{label}”, “{column}”) states {}, but its units add up to {} (off by {}).",
            n(*stated),
            n(*computed),
            n(stated - computed)
        ),
        (Lang::Vi, Warning::RateMismatch { unit, cell, stated, computed }) => format!(
            "Ô {cell} ({unit}) ghi tỷ lệ {}, nhưng số đạt chia chỉ tiêu là {}.",
            r(*stated),
            r(*computed)
        ),
        (Lang::En, Warning::RateMismatch { unit, cell, stated, computed }) => format!(
            "Cell {cell} ({unit}) states a rate of {}, but achieved / target is {}.",
            r(*stated),
            r(*computed)
        ),
        (Lang::Vi, Warning::PartsMismatch { indicator, unit, source_row, parts, target }) => format!(
            "Dòng {source_row}, {unit} ({indicator}): các phần cộng lại {}, khác chỉ tiêu {}.",
            n(*parts),
            n(*target)
        ),
        (Lang::En, Warning::PartsMismatch { indicator, unit, source_row, parts, target }) => format!(
            "Row {source_row}, {unit} ({indicator}): the parts add up to {}, not the target {}.",
            n(*parts),
            n(*target)
        ),
        (Lang::Vi, Warning::UncheckedTotal { label, source_row }) => format!(
            "Dòng {source_row} (“{label}”): không xác định được dòng tổng này cộng những đơn vị nào, nên chưa đối chiếu."
        ),
        (Lang::En, Warning::UncheckedTotal { label, source_row }) => format!(
            "Row {source_row} (“{label}”): could not tell which units this totals row covers, so it was not checked."
        ),
        (_, Warning::InFile { file, warning: inner }) => {
            format!("{file}: {}", warning(lang, inner))
        }
        (_, Warning::SameUnitInFiles { unit, parents, files, achieved }) => {
            let name = unit_with_parents(unit, parents);
            let sources: Vec<String> = if achieved.is_empty() {
                files.iter().map(|f| format!("“{f}”")).collect()
            } else {
                files
                    .iter()
                    .zip(achieved)
                    .map(|(f, a)| match a {
                        Some(a) => format!("“{f}” ({})", n(*a)),
                        None => format!("“{f}” (—)"),
                    })
                    .collect()
            };
            let sources = sources.join(", ");
            match (lang, achieved.is_empty()) {
                (Lang::Vi, true) => format!(
                    "{name} có trong {} tệp: {sources}, cùng số liệu; cả hai dòng đều được tính, hãy bỏ bớt một tệp nếu gửi trùng.",
                    files.len()
                ),
                (Lang::Vi, false) => format!(
                    "{name} có trong {} tệp với số liệu khác nhau: {sources}; cả hai dòng đều được tính, hãy kiểm tra và bỏ bớt một tệp.",
                    files.len()
                ),
                (Lang::En, true) => format!(
                    "{name} is in {} files: {sources}, with the same figures; both rows count, leave one file out if it was sent twice.",
                    files.len()
                ),
                (Lang::En, false) => format!(
                    "{name} is in {} files with different figures: {sources}; both rows count, check them and leave one file out.",
                    files.len()
                ),
            }
        }
        (Lang::Vi, Warning::IndicatorMatched { file, name, as_name }) => format!(
            "Tệp “{file}”: chỉ tiêu “{name}” được cộng vào “{as_name}” của các tệp khác; hãy kiểm tra."
        ),
        (Lang::En, Warning::IndicatorMatched { file, name, as_name }) => format!(
            "File “{file}”: its indicator “{name}” is counted as “{as_name}” of the other files; please check."
        ),
    }
}

/// A list of citizens or cases counted per unit: what was counted, and the rows set aside.
pub fn list_counted(lang: Lang, info: &crate::list::ListInfo) -> String {
    let n = |x: usize| count(x as f64, lang);
    let statuses = info
        .statuses
        .iter()
        .map(|s| format!("“{s}”"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = match lang {
        Lang::Vi => format!(
            "Tệp là danh sách {} dòng (mỗi dòng một người hoặc một hồ sơ), đã đếm theo “{}”: {} đơn vị.",
            n(info.rows),
            info.unit_column,
            n(info.units)
        ),
        Lang::En => format!(
            "The file is a list of {} rows (one person or case each), counted per “{}”: {} units.",
            n(info.rows),
            info.unit_column,
            n(info.units)
        ),
    };
    if let Some(column) = &info.status_column {
        out.push_str(&match lang {
            Lang::Vi => format!(" Mỗi giá trị của “{column}” là một cột số: {statuses}."),
            Lang::En => format!(" Each value of “{column}” is a count column: {statuses}."),
        });
    }
    if let Some(done) = &info.done {
        out.push_str(&match lang {
            Lang::Vi => format!(" “{done}” được lấy làm số đạt."),
            Lang::En => format!(" “{done}” is taken as achieved."),
        });
    }
    if info.without_unit > 0 {
        let rows = list(&info.without_unit_rows);
        out.push_str(&match lang {
            Lang::Vi => format!(
                " {} dòng không có tên đơn vị được để riêng (dòng {rows}).",
                n(info.without_unit)
            ),
            Lang::En => format!(
                " {} rows without a unit name were set aside (rows {rows}).",
                n(info.without_unit)
            ),
        });
    }
    out
}

/// A file given twice, taken once.
pub fn same_file_twice(lang: Lang, file: &str) -> String {
    match lang {
        Lang::Vi => format!("Tệp “{file}” đã có trong báo cáo; chỉ tính một lần."),
        Lang::En => format!("“{file}” is already in the report; it counts once."),
    }
}

/// A unit's name with its parents after it: "Xã Hòa Nghĩa (Chợ Lách)".
pub fn unit_with_parents(unit: &str, parents: &[String]) -> String {
    let parents: Vec<&str> = parents
        .iter()
        .map(String::as_str)
        .filter(|p| !p.is_empty())
        .collect();
    if parents.is_empty() {
        unit.to_string()
    } else {
        format!("{unit} ({})", parents.join(", "))
    }
}

/// The units expected and not in the report: "Chưa báo cáo: Xã Hòa Nghĩa (Chợ Lách)."; the
/// first `shown` named, the others counted.
pub fn unreported(lang: Lang, units: &[crate::analysis::Unreported], shown: usize) -> String {
    let names: Vec<String> = units
        .iter()
        .take(shown)
        .map(|u| unit_with_parents(&u.unit, &u.parents))
        .collect();
    let more = units.len().saturating_sub(shown);
    let names = names.join(", ");
    match (lang, more) {
        (Lang::Vi, 0) => format!("Chưa báo cáo ({}): {names}.", units.len()),
        (Lang::Vi, m) => format!(
            "Chưa báo cáo ({}): {names} và {m} đơn vị khác.",
            units.len()
        ),
        (Lang::En, 0) => format!("Not reported ({}): {names}.", units.len()),
        (Lang::En, m) => format!("Not reported ({}): {names} and {m} more.", units.len()),
    }
}

/// A unit in one reporting date only.
pub fn missing(lang: Lang, m: &Missing) -> String {
    match lang {
        Lang::Vi => format!(
            "“{}” có trong báo cáo ngày {} nhưng không có trong báo cáo ngày {}.",
            m.unit,
            super::format::date(m.present, lang),
            super::format::date(m.missing, lang)
        ),
        Lang::En => format!(
            "“{}” is in the report of {} but not in the report of {}.",
            m.unit,
            super::format::date(m.present, lang),
            super::format::date(m.missing, lang)
        ),
    }
}

/// The outlook against the deadline, in a word or two.
pub fn outlook_status(lang: Lang, s: OutlookStatus) -> &'static str {
    match (lang, s) {
        (Lang::Vi, OutlookStatus::Reached) => "Đã đạt",
        (Lang::Vi, OutlookStatus::OnTrack) => "Kịp tiến độ",
        (Lang::Vi, OutlookStatus::AtRisk) => "Có nguy cơ trễ",
        (Lang::Vi, OutlookStatus::Unknown) => "Chưa đủ số liệu",
        (Lang::En, OutlookStatus::Reached) => "Reached",
        (Lang::En, OutlookStatus::OnTrack) => "On track",
        (Lang::En, OutlookStatus::AtRisk) => "At risk",
        (Lang::En, OutlookStatus::Unknown) => "Not enough data",
    }
}

fn list(rows: &[usize]) -> String {
    rows.iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
