//! Every string the user reads, in Vietnamese and English. Numbers are formatted by the engine
//! (`attain_core::report::format`), so the table, the chart and the exports agree.

use attain_core::analysis::{MappingError, SkipReason, Warning};
use attain_core::report::Lang;
use attain_core::table::TableError;
use attain_core::ReadError;

/// The fixed strings of one language.
pub struct Strings {
    pub tagline: &'static str,
    pub privacy: &'static str,
    pub drop_title: &'static str,
    pub drop_release: &'static str,
    pub or: &'static str,
    pub pick_file: &'static str,
    pub formats: &'static str,
    pub try_sample: &'static str,
    pub sample_badge: &'static str,
    pub open_another: &'static str,
    pub sheet: &'static str,
    pub hidden: &'static str,
    pub unit_column: &'static str,
    pub target_column: &'static str,
    pub achieved_column: &'static str,
    pub col_unit: &'static str,
    pub col_achieved: &'static str,
    pub col_target: &'static str,
    pub col_rate: &'static str,
    pub col_gap: &'static str,
    pub surplus: &'static str,
    pub total: &'static str,
    pub export_csv: &'static str,
    pub results: &'static str,
    pub chart_target_line: &'static str,
    pub no_rate: &'static str,
    pub no_mapping: &'static str,
    pub rows_heading: &'static str,
    pub warnings_heading: &'static str,
    pub language: &'static str,
    pub dismiss: &'static str,
    pub sort_by: &'static str,
    pub update_ready: &'static str,
    pub update_reload: &'static str,
    pub single_file: &'static str,
    pub single_file_hint: &'static str,
    pub encoding: &'static str,
    pub delimiter: &'static str,
    pub auto: &'static str,
    pub tab: &'static str,
    pub as_of: &'static str,
    pub as_of_from_sheet: &'static str,
    pub as_of_from_name: &'static str,
    pub as_of_none: &'static str,
    pub bucket_header: &'static str,
    pub bucket_data: &'static str,
    pub bucket_total: &'static str,
    pub bucket_title_footer: &'static str,
    pub bucket_empty: &'static str,
    pub table_check: &'static str,
    pub table_check_hint: &'static str,
    pub mark_header_start: &'static str,
    pub mark_header_end: &'static str,
    pub mark_body_end: &'static str,
    pub kind_title: &'static str,
    pub kind_header: &'static str,
    pub kind_column_numbers: &'static str,
    pub kind_data: &'static str,
    pub kind_total: &'static str,
    pub kind_footer: &'static str,
    pub kind_empty: &'static str,
    pub preview_more: &'static str,
    pub paste_hint: &'static str,
    pub pasted_name: &'static str,
    pub rows_word: &'static str,
    pub cells_unreadable: &'static str,
    pub cells_error: &'static str,
    pub cancel: &'static str,
    pub add_date: &'static str,
    pub legacy_heading: &'static str,
    pub legacy_hint: &'static str,
    pub bullet_title: &'static str,
    pub bullet_desc: &'static str,
    pub bullet_note: &'static str,
    pub bullet_gap: &'static str,
    pub bullet_surplus: &'static str,
    pub export_svg: &'static str,
    pub chart_data: &'static str,
    pub quote_none: &'static str,
    pub quote_single: &'static str,
    pub quote_double: &'static str,
    pub quote: &'static str,
    pub chart_stack: &'static str,
    pub chart_dumbbell: &'static str,
    pub chart_scatter: &'static str,
    pub chart_bullet: &'static str,
    pub chart_gap: &'static str,
    pub chart_rank: &'static str,
    pub main_chart: &'static str,
    pub export_xlsx_failed: &'static str,
    pub export_xlsx: &'static str,
    pub change_points_head: &'static str,
    pub points: &'static str,
    pub chart_data_largest: &'static str,
    pub gap_share_head: &'static str,
    pub gap_share_of_open: &'static str,
    pub export_png: &'static str,
    pub scatter_largest: &'static str,
    pub multiples_title: &'static str,
    pub stack_title: &'static str,
    pub stack_desc: &'static str,
    pub dumbbell_title: &'static str,
    pub dumbbell_desc: &'static str,
    pub dumbbell_note: &'static str,
    pub scatter_title: &'static str,
    pub scatter_desc: &'static str,
    pub scatter_note: &'static str,
    pub gap_chart_title: &'static str,
    pub gap_chart_desc: &'static str,
    pub gap_chart_note: &'static str,
    pub gap_chart_more: &'static str,
    pub gap_chart_reached: &'static str,
    pub remember_mapping: &'static str,
    pub remember_hint: &'static str,
    pub templates_heading: &'static str,
    pub forget: &'static str,
    pub template_used: &'static str,
    pub export_html: &'static str,
    pub search: &'static str,
    pub search_hint: &'static str,
    pub all_statuses: &'static str,
    pub units_found: &'static str,
    pub headings_toggle: &'static str,
    pub legacy_summary: &'static str,
    pub legacy_converted: &'static str,
    pub legacy_not_converted: &'static str,
    pub legacy_auto: &'static str,
    pub legacy_off: &'static str,
    pub legacy_force: &'static str,
    pub add_sheet_date: &'static str,
    pub add_date_hint: &'static str,
    pub dates_heading: &'static str,
    pub remove: &'static str,
    pub this_report: &'static str,
    pub no_date: &'static str,
    pub match_fix: &'static str,
    pub match_none: &'static str,
    pub mapping_heading: &'static str,
    pub mapping_confident: &'static str,
    pub mapping_unsure: &'static str,
    pub col_column: &'static str,
    pub col_kind: &'static str,
    pub col_role: &'static str,
    pub role_unit: &'static str,
    pub role_parent: &'static str,
    pub role_indicator_name: &'static str,
    pub role_achieved: &'static str,
    pub role_target: &'static str,
    pub role_source_rate: &'static str,
    pub role_part: &'static str,
    pub role_ignored: &'static str,
    pub kind_text: &'static str,
    pub kind_number: &'static str,
    pub kind_percent: &'static str,
    pub kind_date: &'static str,
    pub kind_none: &'static str,
    pub indicators_heading: &'static str,
    pub fixed_target: &'static str,
    pub no_target: &'static str,
    pub indicator_switch: &'static str,
    pub thresholds: &'static str,
    pub threshold_low: &'static str,
    pub threshold_high: &'static str,
    pub deadline: &'static str,
    pub summary_heading: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub col_status: &'static str,
    pub col_rank: &'static str,
    pub col_share: &'static str,
    pub col_distance: &'static str,
    pub col_change: &'static str,
    pub col_change_pp: &'static str,
    pub col_pace: &'static str,
    pub col_needed: &'static str,
    pub col_outlook: &'static str,
    pub expand: &'static str,
    pub collapse: &'static str,
    pub status_low: &'static str,
    pub status_medium: &'static str,
    pub status_high: &'static str,
    pub status_reached: &'static str,
    pub status_unknown: &'static str,
}

const VI: Strings = Strings {
    tagline: "Tỷ lệ đạt và phần còn lại theo từng đơn vị, ngay trong trình duyệt.",
    privacy: "Tệp của bạn không rời khỏi máy này: mọi tính toán chạy ngay trong trang.",
    drop_title: "Kéo thả tệp báo cáo vào đây",
    drop_release: "Thả tệp để đọc",
    or: "hoặc",
    pick_file: "Chọn tệp…",
    formats: "Excel (.xlsx, .xlsm, .xlsb, .xls), OpenDocument (.ods), CSV, TSV, TXT",
    try_sample: "Xem dữ liệu mẫu (Bến Tre, 14/11/2023)",
    sample_badge: "Dữ liệu mẫu: số liệu từng huyện là minh họa; tổng toàn tỉnh là số đã công bố.",
    open_another: "Mở tệp khác…",
    sheet: "Trang tính",
    hidden: "ẩn",
    unit_column: "Cột đơn vị",
    target_column: "Cột chỉ tiêu",
    achieved_column: "Cột đã đạt",
    col_unit: "Đơn vị",
    col_achieved: "Đã đạt",
    col_target: "Chỉ tiêu",
    col_rate: "Tỷ lệ",
    col_gap: "Còn lại",
    surplus: "Vượt chỉ tiêu",
    total: "Tổng cộng",
    export_csv: "Xuất CSV",
    results: "Kết quả",
    chart_target_line: "100% chỉ tiêu",
    no_rate: "chưa có tỷ lệ",
    no_mapping: "Chưa tìm thấy một cột tên đơn vị và hai cột số trong trang tính này. Hãy chọn trang tính khác hoặc chọn cột.",
    rows_heading: "Các dòng của trang tính",
    warnings_heading: "Cần xem lại",
    language: "Ngôn ngữ",
    dismiss: "Đóng",
    sort_by: "Sắp xếp theo",
    update_ready: "Đã có phiên bản mới của Attain.",
    update_reload: "Tải lại để dùng",
    single_file: "Tải Attain thành một tệp",
    single_file_hint: "để dùng trên máy không có mạng: chép tệp attain.html sang máy đó và mở bằng trình duyệt.",
    encoding: "Bảng mã",
    delimiter: "Dấu phân cách",
    auto: "Tự nhận",
    tab: "Tab",
    as_of: "Số liệu tính đến ngày",
    as_of_from_sheet: "lấy từ dòng",
    as_of_from_name: "lấy từ tên tệp",
    as_of_none: "chưa tìm thấy ngày trong báo cáo; hãy nhập",
    bucket_header: "dòng tiêu đề cột",
    bucket_data: "dòng số liệu",
    bucket_total: "dòng tổng (để đối chiếu, không tính là đơn vị)",
    bucket_title_footer: "dòng tên báo cáo và chân trang",
    bucket_empty: "dòng trống",
    table_check: "Kiểm tra bảng đã nhận diện",
    table_check_hint: "Chọn việc cần sửa rồi bấm vào số dòng trong bảng dưới đây.",
    mark_header_start: "Dòng tiêu đề đầu tiên",
    mark_header_end: "Dòng tiêu đề cuối cùng",
    mark_body_end: "Dòng cuối của bảng",
    kind_title: "Tên báo cáo",
    kind_header: "Tiêu đề cột",
    kind_column_numbers: "Số thứ tự cột",
    kind_data: "Số liệu",
    kind_total: "Dòng tổng",
    kind_footer: "Chân trang",
    kind_empty: "Trống",
    preview_more: "Chỉ hiện các dòng đầu của trang tính.",
    paste_hint: "Hoặc sao chép một vùng trong Excel rồi nhấn Ctrl+V ở đây.",
    pasted_name: "du-lieu-dan.tsv",
    rows_word: "dòng",
    cells_unreadable: "ô không đọc được thành số",
    cells_error: "ô báo lỗi công thức (#DIV/0!, #N/A…), để trống",
    cancel: "Hủy",
    add_date: "Thêm báo cáo ngày khác",
    legacy_heading: "Phông chữ cũ (TCVN3, VNI)",
    legacy_hint: "Văn bản gõ bằng phông .VnTime (TCVN3) hay VNI-Times (VNI) đã được chuyển sang Unicode. Đổi lựa chọn của từng cột nếu cần.",
    bullet_title: "Đã đạt so với chỉ tiêu của từng đơn vị: {ind}",
    bullet_desc: "Mỗi dòng là một đơn vị: thanh nhạt là chỉ tiêu (vạch ở cuối), thanh đậm là số đã đạt, cùng một thang số lượng; bên phải là phần còn lại hoặc phần vượt.",
    bullet_note: "Thanh nhạt: chỉ tiêu; thanh đậm: đã đạt; cùng một thang số lượng.",
    bullet_gap: "còn {n}",
    bullet_surplus: "vượt {n}",
    export_svg: "Tải biểu đồ dạng SVG",
    chart_data: "Số liệu của biểu đồ (bảng)",
    quote_none: "Không dùng ngoặc",
    quote_single: "Ngoặc đơn '",
    quote_double: "Ngoặc kép \" (thường gặp)",
    quote: "Dấu ngoặc quanh ô",
    chart_stack: "Các thành phần",
    chart_dumbbell: "Hai ngày báo cáo",
    chart_scatter: "Quy mô và tỷ lệ",
    chart_bullet: "Đã đạt so với chỉ tiêu",
    chart_gap: "Phần còn lại",
    chart_rank: "Xếp hạng tỷ lệ",
    main_chart: "Biểu đồ chính",
    export_xlsx_failed: "Không tạo được tệp Excel: {reason}",
    export_xlsx: "Xuất Excel",
    change_points_head: "Thay đổi (điểm %)",
    points: "điểm %",
    chart_data_largest: "Bảng liệt kê {n} đơn vị có chỉ tiêu lớn nhất trong {all}; bảng kết quả có tất cả.",
    gap_share_head: "Phần của tổng còn lại",
    gap_share_of_open: "của tổng còn lại",
    export_png: "Tải biểu đồ dạng ảnh PNG",
    scatter_largest: "Chỉ vẽ {n} đơn vị có chỉ tiêu lớn nhất trong {all} đơn vị.",
    multiples_title: "Xếp hạng theo từng chỉ tiêu",
    stack_title: "Thành phần của chỉ tiêu theo đơn vị: {ind}",
    stack_desc: "Mỗi thanh là chỉ tiêu của một đơn vị (100%), chia thành: {parts}.",
    dumbbell_title: "Tỷ lệ đạt ngày {from} và {to}: {ind}",
    dumbbell_desc: "Mỗi dòng là một đơn vị: chấm rỗng là tỷ lệ ngày {from}, chấm đặc là ngày {to}; số bên phải là mức tăng (điểm %).",
    dumbbell_note: "Số bên phải: tỷ lệ tăng (điểm %).",
    scatter_title: "Quy mô chỉ tiêu và tỷ lệ đạt: {ind}",
    scatter_desc: "Mỗi chấm là một đơn vị: càng sang phải chỉ tiêu càng lớn, càng lên cao tỷ lệ càng cao; đường nét đứt ngang là 100%, đường mảnh là tỷ lệ chung. Đơn vị lớn đang thấp hơn tỷ lệ chung: {names}.",
    scatter_note: "Ghi tên các đơn vị có chỉ tiêu lớn nhất đang thấp hơn tỷ lệ chung.",
    gap_chart_title: "Còn lại theo đơn vị: {ind}",
    gap_chart_desc: "Biểu đồ thanh ngang của {n} đơn vị còn thiếu chỉ tiêu, xếp từ nhiều đến ít; tổng còn lại {open}.",
    gap_chart_note: "Tổng còn lại {open}; trong ngoặc là phần của mỗi đơn vị.",
    gap_chart_more: "Thêm {n} đơn vị nhỏ hơn không vẽ (chỉ vẽ {max} đơn vị lớn nhất).",
    gap_chart_reached: "{n} đơn vị đã đạt chỉ tiêu.",
    remember_mapping: "Ghi nhớ cách ghép cột này",
    remember_hint: "Chỉ lưu vai trò các cột (không lưu số liệu) trong trình duyệt này; tệp sau có cùng tiêu đề cột sẽ tự ghép như vậy.",
    templates_heading: "Các mẫu đã ghi nhớ",
    forget: "Quên",
    template_used: "Đã ghép cột theo mẫu bạn ghi nhớ cho các tiêu đề cột này.",
    export_html: "Xuất báo cáo HTML",
    search: "Tìm đơn vị",
    search_hint: "không cần dấu: thanh phu",
    all_statuses: "Tất cả",
    units_found: "{n} đơn vị",
    headings_toggle: "Các dòng đánh số I, II, III… ở cột {col} là tiêu đề nhóm (cấp trên của các dòng bên dưới), không phải đơn vị",
    legacy_summary: "đã chuyển {cols} cột từ {enc} sang Unicode ({n} ô)",
    legacy_converted: "Cột {col}: đã chuyển từ {enc}, {n} ô.",
    legacy_not_converted: "Cột {col}: không chuyển.",
    legacy_auto: "Tự nhận diện",
    legacy_off: "Không chuyển",
    legacy_force: "Chuyển từ",
    add_sheet_date: "Thêm trang tính làm ngày báo cáo",
    add_date_hint: "Cùng mẫu báo cáo ở một ngày số liệu khác, để so sánh tiến độ",
    dates_heading: "Các ngày báo cáo",
    remove: "Bỏ",
    this_report: "báo cáo đang xem",
    no_date: "chưa rõ ngày",
    match_fix: "Ghép với đơn vị của ngày trước",
    match_none: "(không có)",
    mapping_heading: "Cách ghép cột",
    mapping_confident: "Attain đã tự ghép các cột (độ tin cậy {p}). Đổi vai trò của cột bất kỳ, kết quả cập nhật ngay.",
    mapping_unsure: "Attain chưa chắc cách ghép cột (độ tin cậy {p}): hãy kiểm tra vai trò của các cột dưới đây.",
    col_column: "Cột",
    col_kind: "Kiểu",
    col_role: "Vai trò",
    role_unit: "Tên đơn vị",
    role_parent: "Cấp trên (huyện, tỉnh…)",
    role_indicator_name: "Tên chỉ tiêu (dạng dọc)",
    role_achieved: "Số đạt được (một chỉ tiêu)",
    role_target: "Chỉ tiêu / kế hoạch",
    role_source_rate: "Tỷ lệ của bảng (để đối chiếu)",
    role_part: "Thành phần (cộng lại bằng chỉ tiêu)",
    role_ignored: "Không dùng",
    kind_text: "chữ",
    kind_number: "số",
    kind_percent: "tỷ lệ",
    kind_date: "ngày",
    kind_none: "trống",
    indicators_heading: "Chỉ tiêu",
    fixed_target: "Một số cố định…",
    no_target: "(chưa có)",
    indicator_switch: "Chỉ tiêu đang xem",
    thresholds: "Ngưỡng đánh giá (%)",
    threshold_low: "Thấp dưới",
    threshold_high: "Khá từ",
    deadline: "Hạn hoàn thành",
    summary_heading: "Tóm tắt",
    copy: "Sao chép",
    copied: "Đã sao chép.",
    copy_failed: "Không sao chép được: đoạn văn đã được chọn, hãy nhấn Ctrl+C.",
    col_status: "Đánh giá",
    col_rank: "Hạng",
    col_share: "Phần của tổng còn lại",
    col_distance: "So với tổng (điểm %)",
    col_change: "Tăng từ ngày trước",
    col_change_pp: "Tỷ lệ tăng (điểm %)",
    col_pace: "Mỗi ngày",
    col_needed: "Cần mỗi ngày",
    col_outlook: "Tiến độ",
    expand: "Mở",
    collapse: "Thu gọn",
    status_low: "Thấp",
    status_medium: "Trung bình",
    status_high: "Khá",
    status_reached: "Đạt",
    status_unknown: "Chưa rõ",
};

const EN: Strings = Strings {
    tagline: "Rate achieved and gap remaining for every unit, right in your browser.",
    privacy: "Your file never leaves this computer: all the work happens in this page.",
    drop_title: "Drop a report file here",
    drop_release: "Release to read the file",
    or: "or",
    pick_file: "Choose a file…",
    formats: "Excel (.xlsx, .xlsm, .xlsb, .xls), OpenDocument (.ods), CSV, TSV, TXT",
    try_sample: "Try the sample (Bến Tre, 14 Nov 2023)",
    sample_badge: "Sample data: district figures are illustrative; province totals are the published ones.",
    open_another: "Open another file…",
    sheet: "Sheet",
    hidden: "hidden",
    unit_column: "Unit column",
    target_column: "Target column",
    achieved_column: "Achieved column",
    col_unit: "Unit",
    col_achieved: "Achieved",
    col_target: "Target",
    col_rate: "Rate",
    col_gap: "Gap",
    surplus: "Surplus",
    total: "Total",
    export_csv: "Export CSV",
    results: "Results",
    chart_target_line: "100% of target",
    no_rate: "no rate",
    no_mapping: "No unit-name column and two numeric columns were found in this sheet. Pick another sheet or choose the columns.",
    rows_heading: "Rows of the sheet",
    warnings_heading: "To check",
    language: "Language",
    dismiss: "Dismiss",
    sort_by: "Sort by",
    update_ready: "A new version of Attain is ready.",
    update_reload: "Reload to use it",
    single_file: "Download Attain as one file",
    single_file_hint: "for a machine without a network: copy attain.html to it and open it in a browser.",
    encoding: "Encoding",
    delimiter: "Separator",
    auto: "Detect",
    tab: "Tab",
    as_of: "Figures as of",
    as_of_from_sheet: "from row",
    as_of_from_name: "from the file name",
    as_of_none: "no date found in the report; type it",
    bucket_header: "column header rows",
    bucket_data: "body rows",
    bucket_total: "totals rows (kept to cross-check, not counted as units)",
    bucket_title_footer: "title and footer rows",
    bucket_empty: "empty rows",
    table_check: "Check the table found",
    table_check_hint: "Choose what to correct, then click a row number in the table below.",
    mark_header_start: "First header row",
    mark_header_end: "Last header row",
    mark_body_end: "Last row of the table",
    kind_title: "Title",
    kind_header: "Header",
    kind_column_numbers: "Column numbers",
    kind_data: "Data",
    kind_total: "Total",
    kind_footer: "Footer",
    kind_empty: "Empty",
    preview_more: "Only the first rows of the sheet are shown.",
    paste_hint: "Or copy a range in Excel and press Ctrl+V here.",
    pasted_name: "pasted-data.tsv",
    rows_word: "rows",
    cells_unreadable: "cells that could not be read as numbers",
    cells_error: "cells with formula errors (#DIV/0!, #N/A…), left empty",
    cancel: "Cancel",
    add_date: "Add another reporting date",
    legacy_heading: "Legacy fonts (TCVN3, VNI)",
    legacy_hint: "Text typed in a .VnTime (TCVN3) or VNI-Times (VNI) font was converted to Unicode. Change any column's choice if needed.",
    bullet_title: "Achieved against each unit's own target: {ind}",
    bullet_desc: "One row per unit: the light bar is its target (with a mark at its end), the dark bar what it achieved, on one count scale; on the right, what remains or the surplus.",
    bullet_note: "Light bar: target; dark bar: achieved; one count scale.",
    bullet_gap: "{n} to go",
    bullet_surplus: "{n} over",
    export_svg: "Download the chart as SVG",
    chart_data: "The chart’s figures as a table",
    quote_none: "None",
    quote_single: "Single '",
    quote_double: "Double \" (usual)",
    quote: "Field quotes",
    chart_stack: "The parts",
    chart_dumbbell: "Two reporting dates",
    chart_scatter: "Target size and rate",
    chart_bullet: "Achieved against target",
    chart_gap: "What remains",
    chart_rank: "Ranked rates",
    main_chart: "Main chart",
    export_xlsx_failed: "The Excel file could not be made: {reason}",
    export_xlsx: "Export Excel",
    change_points_head: "Change (points)",
    points: "points",
    chart_data_largest: "The table lists the {n} units with the largest targets of {all}; the results table has them all.",
    gap_share_head: "Share of all that remains",
    gap_share_of_open: "of all that remains",
    export_png: "Download the chart as a PNG image",
    scatter_largest: "Only the {n} units with the largest targets of {all} are drawn.",
    multiples_title: "Ranked, indicator by indicator",
    stack_title: "The target's parts, by unit: {ind}",
    stack_desc: "Each bar is one unit's target (100%), split into: {parts}.",
    dumbbell_title: "Rate on {from} and {to}: {ind}",
    dumbbell_desc: "One row per unit: the hollow dot is the rate on {from}, the filled one on {to}; the number on the right is the change in points.",
    dumbbell_note: "On the right: change in points.",
    scatter_title: "Target size against rate: {ind}",
    scatter_desc: "One dot per unit: further right, a bigger target; higher up, a higher rate; the dashed line is 100%, the thin one the whole's rate. Big units below the whole's rate: {names}.",
    scatter_note: "Named: the units with the biggest targets that are below the whole's rate.",
    gap_chart_title: "What remains, by unit: {ind}",
    gap_chart_desc: "Horizontal bars for the {n} units still short of target, largest first; {open} remain in all.",
    gap_chart_note: "{open} remain in all; in brackets, each unit's share.",
    gap_chart_more: "{n} smaller ones not drawn (the largest {max} are).",
    gap_chart_reached: "{n} units reached their target.",
    remember_mapping: "Remember this mapping",
    remember_hint: "Only the columns' roles are kept (no figures), in this browser; the next file with the same headers maps itself the same way.",
    templates_heading: "Remembered mappings",
    forget: "Forget",
    template_used: "Mapped with the template you remembered for these headers.",
    export_html: "Export HTML report",
    search: "Find a unit",
    search_hint: "marks optional: thanh phu",
    all_statuses: "All",
    units_found: "{n} units",
    headings_toggle: "Rows numbered I, II, III… in column {col} are group headings (parents of the rows under them), not units",
    legacy_summary: "{cols} columns converted from {enc} to Unicode ({n} cells)",
    legacy_converted: "Column {col}: converted from {enc}, {n} cells.",
    legacy_not_converted: "Column {col}: not converted.",
    legacy_auto: "Detect",
    legacy_off: "Do not convert",
    legacy_force: "Convert from",
    add_sheet_date: "Add a sheet as a reporting date",
    add_date_hint: "The same report at another as-of date, to compare progress",
    dates_heading: "Reporting dates",
    remove: "Remove",
    this_report: "the report shown",
    no_date: "no date",
    match_fix: "Match with a unit of the previous date",
    match_none: "(none)",
    mapping_heading: "Column mapping",
    mapping_confident: "Attain mapped the columns itself (confidence {p}). Change any column's role; the results update at once.",
    mapping_unsure: "Attain is not sure of the mapping (confidence {p}): please check the columns' roles below.",
    col_column: "Column",
    col_kind: "Type",
    col_role: "Role",
    role_unit: "Unit name",
    role_parent: "Parent level (district, province…)",
    role_indicator_name: "Indicator name (long layout)",
    role_achieved: "Achieved (an indicator)",
    role_target: "Target / plan",
    role_source_rate: "The sheet's rate (to cross-check)",
    role_part: "Part (parts add up to the target)",
    role_ignored: "Not used",
    kind_text: "text",
    kind_number: "number",
    kind_percent: "percent",
    kind_date: "date",
    kind_none: "empty",
    indicators_heading: "Indicators",
    fixed_target: "A fixed figure…",
    no_target: "(none)",
    indicator_switch: "Indicator shown",
    thresholds: "Status thresholds (%)",
    threshold_low: "Low below",
    threshold_high: "Good from",
    deadline: "Deadline",
    summary_heading: "Summary",
    copy: "Copy",
    copied: "Copied.",
    copy_failed: "Could not copy: the paragraph is selected, press Ctrl+C.",
    col_status: "Status",
    col_rank: "Rank",
    col_share: "Share of what remains",
    col_distance: "Against the whole (points)",
    col_change: "Change since last date",
    col_change_pp: "Rate change (points)",
    col_pace: "Per day",
    col_needed: "Needed per day",
    col_outlook: "Outlook",
    expand: "Expand",
    collapse: "Collapse",
    status_low: "Low",
    status_medium: "Medium",
    status_high: "Good",
    status_reached: "Reached",
    status_unknown: "Unknown",
};

/// The strings of a language.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// "Reading file.xlsx…"
pub fn loading(lang: Lang, file: &str) -> String {
    match lang {
        Lang::Vi => format!("Đang đọc “{file}”…"),
        Lang::En => format!("Reading “{file}”…"),
    }
}

/// Why a file could not be read, naming the file.
pub fn read_failed(lang: Lang, file: &str, error: &ReadError) -> String {
    let reason = match (lang, error) {
        (Lang::En, e) => e.to_string(),
        (Lang::Vi, ReadError::Empty) => "tệp rỗng, không có dữ liệu".into(),
        (Lang::Vi, ReadError::Pdf) => "đây là tài liệu PDF, không phải bảng tính; hãy mở báo cáo bằng Excel và lưu thành .xlsx hoặc .csv".into(),
        (Lang::Vi, ReadError::Unsupported(_)) => "đây không phải bảng tính hay tệp văn bản mà Attain đọc được; hãy dùng .xlsx, .xls, .xlsb, .ods, .csv, .tsv hoặc .txt".into(),
        (Lang::Vi, ReadError::NotAWorkbook { extension }) => format!("tệp có đuôi .{extension} nhưng nội dung không phải sổ làm việc Excel hay OpenDocument; tệp có thể bị hỏng hoặc bị đổi tên"),
        (Lang::Vi, ReadError::Damaged(detail)) => format!("không đọc được sổ làm việc ({detail}); tệp có thể bị hỏng: hãy mở bằng Excel và lưu lại"),
        (Lang::Vi, ReadError::Encrypted) => "sổ làm việc được bảo vệ bằng mật khẩu; hãy mở bằng Excel, gỡ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi lưu một bản sao".into(),
        (Lang::Vi, ReadError::NoData) => "tệp không có dữ liệu".into(),
        (Lang::Vi, ReadError::ReaderStopped) => "bộ đọc dừng giữa chừng khi đọc tệp này; tệp có thể bị hỏng hoặc quá phức tạp. Attain đã khởi động lại bộ đọc: hãy thử tệp khác, hoặc mở tệp bằng Excel và lưu lại".into(),
        (Lang::Vi, ReadError::TooLarge(detail)) => format!("tệp quá lớn để đọc ở đây ({detail}); hãy tách báo cáo hoặc xóa các trang tính không dùng"),
    };
    match lang {
        Lang::Vi => format!("Không đọc được tệp “{file}”: {reason}."),
        Lang::En => format!("Could not read “{file}”: {reason}."),
    }
}

/// An engine message as a sentence: capital first letter, full stop.
fn sentence(e: &dyn std::fmt::Display) -> String {
    let s = e.to_string();
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str() + ".")
        .unwrap_or_default()
}

/// Why no table was found in a sheet.
pub fn table_error(lang: Lang, error: &TableError) -> String {
    match (lang, error) {
        (Lang::En, e) => sentence(e),
        (Lang::Vi, TableError::EmptySheet(s)) => format!("Trang tính “{s}” trống."),
        (Lang::Vi, TableError::NoRows(s)) => {
            format!("Trang tính “{s}” có dòng tiêu đề nhưng không có dòng số liệu nào bên dưới.")
        }
    }
}

/// Why the chosen columns cannot be used.
pub fn mapping_error(lang: Lang, error: &MappingError) -> String {
    // Each says what to do next: the mapping panel ("Cách ghép cột" / "Column mapping") is where.
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

/// A warning about the data (the engine words it, so the app and the command line agree).
pub fn warning(lang: Lang, w: &Warning) -> String {
    attain_core::report::messages::warning(lang, w)
}

/// The row count summary: "26 rows: 9 body, 1 totals, 3 header, 8 title and footer, 5 empty".
pub fn rows_summary(
    lang: Lang,
    total: usize,
    data: usize,
    totals: usize,
    header: usize,
    title: usize,
    empty: usize,
) -> String {
    match lang {
        Lang::Vi => format!("{total} dòng: {data} dòng số liệu, {totals} dòng tổng, {header} dòng tiêu đề cột, {title} dòng tên báo cáo và chân trang, {empty} dòng trống."),
        Lang::En => format!("{total} rows: {data} body, {totals} totals, {header} header, {title} title and footer, {empty} empty."),
    }
}

/// "Row 11"
pub fn row_label(lang: Lang, row: usize) -> String {
    match lang {
        Lang::Vi => format!("Dòng {row}"),
        Lang::En => format!("Row {row}"),
    }
}

/// The chart's title.
pub fn chart_title(lang: Lang, indicator: &str) -> String {
    match lang {
        Lang::Vi => format!("Xếp hạng tỷ lệ đạt: {indicator}"),
        Lang::En => format!("Units ranked by rate: {indicator}"),
    }
}

/// The chart's description for screen readers.
pub fn chart_description(lang: Lang, units: usize, best: &str, worst: &str) -> String {
    match lang {
        Lang::Vi => format!("Biểu đồ thanh ngang của {units} đơn vị, xếp từ tỷ lệ cao nhất ({best}) đến thấp nhất ({worst}); vạch đứng là 100% chỉ tiêu."),
        Lang::En => format!("Horizontal bars for {units} units, from the highest rate ({best}) to the lowest ({worst}); the vertical line marks 100% of target."),
    }
}

/// "… 99.940 units in between …" in a chart that shows the top and the bottom.
pub fn units_between(lang: Lang, n: usize) -> String {
    let n = attain_core::report::format::count(n as f64, lang);
    match lang {
        Lang::Vi => format!("… {n} đơn vị ở giữa (xem đủ trong bảng) …"),
        Lang::En => format!("… {n} units in between (all are in the table) …"),
    }
}

/// "Rows 501–1,000 of 100,000" under a long results table, shown a page at a time.
pub fn rows_shown(lang: Lang, first: usize, last: usize, total: usize) -> String {
    let n = |x: usize| attain_core::report::format::count(x as f64, lang);
    match lang {
        Lang::Vi => format!(
            "Dòng {}–{} trên {} dòng theo thứ tự đang chọn.",
            n(first),
            n(last),
            n(total)
        ),
        Lang::En => format!(
            "Rows {}–{} of {} in the current order.",
            n(first),
            n(last),
            n(total)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_errors_name_the_file_in_both_languages() {
        let m = read_failed(Lang::Vi, "bao-cao.pdf", &ReadError::Pdf);
        assert!(m.starts_with("Không đọc được tệp “bao-cao.pdf”: đây là tài liệu PDF"));
        let m = read_failed(Lang::En, "empty.csv", &ReadError::Empty);
        assert_eq!(m, "Could not read “empty.csv”: the file is empty.");
    }
}
