//! The review loop: the HTML page (parsed as text, and loaded in headless Chromium), the review
//! spreadsheet (TSV and xlsx) and `import-review` of edited files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;
use tmalign::{
    AlignedUnit, Alignment, Band, Document, ErrorKind, Lang, MemoryOptions, ReviewIndexEntry, ReviewOptions,
    ReviewSheet, ReviewSummary, TranslationUnit, align, read_document, read_review_file, read_tmx_file,
    write_review_html, write_review_index, write_review_tsv, write_review_xlsx,
};

const RELEASES: [&str; 5] = [
    "eclac-regional-growth-outlook",
    "embassy-mexico-gks-scholarship",
    "mini",
    "mofa-caribbean-climate-finance-workshop",
    "mofa-central-america-vice-ministerial",
];

fn path(release: &str, lang: Lang) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(format!("{release}.{}.txt", lang.code()))
}

/// The release aligned as the CLI's three-language run does (ko, en, es).
fn aligned(release: &str) -> (Vec<Document>, Alignment) {
    let docs: Vec<Document> =
        [Lang::Ko, Lang::En, Lang::Es].into_iter().map(|l| read_document(&path(release, l), l).unwrap()).collect();
    let alignment = align(&docs);
    (docs, alignment)
}

fn html(docs: &[Document], alignment: &Alignment, options: &ReviewOptions) -> String {
    let mut out = Vec::new();
    write_review_html(docs, alignment, options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// The value of attribute `name` in the tag that starts at `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let tag = &tag[..tag.find('>')?];
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// The unit rows of a page: the text of each `<tr class="unit …">` up to its `</tr>`.
fn unit_rows(page: &str) -> Vec<&str> {
    page.match_indices("<tr class=\"unit ").map(|(i, _)| &page[i..i + page[i..].find("</tr>").unwrap()]).collect()
}

/// The sentences shown on a page: (doc, sentence) → the HTML between the span's tags, counted.
fn sentence_spans(page: &str) -> BTreeMap<(usize, usize), Vec<String>> {
    let mut found: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
    for (i, _) in page.match_indices("<span class=\"s\"") {
        let tag = &page[i..];
        let doc = attr(tag, "data-doc").unwrap().parse().unwrap();
        let sentence = attr(tag, "data-sentence").unwrap().parse().unwrap();
        let body_start = tag.find('>').unwrap() + 1;
        let body = &tag[body_start..body_start + tag[body_start..].find("</span>").unwrap()];
        found.entry((doc, sentence)).or_default().push(body.to_string());
    }
    found
}

#[test]
fn every_unit_is_a_row_and_every_sentence_shown_once() {
    for release in RELEASES {
        let (docs, alignment) = aligned(release);
        let options = ReviewOptions::default();
        let page = html(&docs, &alignment, &options);
        let rows = unit_rows(&page);
        assert_eq!(rows.len(), alignment.units.len(), "{release}");
        for (n, (row, unit)) in rows.iter().zip(&alignment.units).enumerate() {
            assert_eq!(attr(row, "id"), Some(format!("u{}", n + 1).as_str()));
            assert_eq!(attr(row, "data-band"), Some(options.band(unit).name()), "{release} unit {}", n + 1);
            assert_eq!(attr(row, "data-score"), Some(format!("{:.3}", unit.score).as_str()));
            assert_eq!(row.matches("<td class=\"seg").count(), docs.len(), "a cell per document");
        }
        let spans = sentence_spans(&page);
        let total: usize = docs.iter().map(|d| d.sentences.len()).sum();
        assert_eq!(spans.len(), total, "{release}: every sentence shown");
        for ((k, i), bodies) in &spans {
            assert_eq!(bodies, &vec![escape(&docs[*k].sentence_text(*i))], "{release}: doc {k} sentence {i} once");
        }
        let summary = ReviewSummary::of(&alignment, docs.len(), &options);
        let dl = &page[page.find("<dl id=\"summary\"").unwrap()..];
        assert_eq!(attr(dl, "data-units"), Some(alignment.units.len().to_string().as_str()));
        assert_eq!(attr(dl, "data-below"), Some(summary.below.to_string().as_str()));
        assert!(page.contains("<meta charset=\"utf-8\">"));
        assert!(page.contains("lang=\"ko\"") && page.contains("lang=\"es\""));
    }
}

#[test]
fn the_page_is_self_contained() {
    let (docs, alignment) = aligned("mofa-central-america-vice-ministerial");
    let page = html(&docs, &alignment, &ReviewOptions::default());
    for needle in ["http:", "https:", "src=", "<link", "@import", "url(", "//fonts"] {
        assert!(!page.contains(needle), "the page refers to something outside: {needle}");
    }
}

/// Three small documents with markup in them, and an alignment made by hand: a good unit, an
/// omission (no Spanish), a low one, and an unaligned Korean sentence.
fn handmade() -> (Vec<Document>, Alignment) {
    let doc = |lang, text: &str| Document::parse(format!("t.{lang}.txt"), lang, text.to_string());
    let docs = vec![
        doc(
            Lang::Ko,
            "한국과 페루, <협정> 서명\n\n1. 첫 문장 & 둘째.\n\n2. 셋째 <script>alert(1)</script> 문장이다. 넷째 문장이다.\n",
        ),
        doc(
            Lang::En,
            "Korea and Peru Sign <Agreement>\n\n1. First sentence & second.\n\n2. Third \"sentence\" it's.\n",
        ),
        doc(Lang::Es, "Corea y Perú firman un <acuerdo>\n\n1. Primera & segunda.\n\n2. Tercera oración.\n"),
    ];
    let counts: Vec<usize> = docs.iter().map(|d| d.sentences.len()).collect();
    assert_eq!(counts, [4, 3, 3], "{:?}", docs.iter().map(|d| d.sentences.clone()).collect::<Vec<_>>());
    let unit = |ranges: [std::ops::Range<usize>; 3], score| AlignedUnit { sentences: ranges.to_vec(), score };
    let alignment = Alignment {
        units: vec![
            unit([0..1, 0..1, 0..1], 0.97),
            unit([1..2, 1..2, 1..1], 0.8),
            unit([2..3, 2..3, 1..3], 0.4),
            unit([3..4, 3..3, 3..3], 0.0),
        ],
    };
    (docs, alignment)
}

#[test]
fn text_is_escaped_and_gaps_are_shown() {
    let (docs, alignment) = handmade();
    let page = html(&docs, &alignment, &ReviewOptions::default());
    assert!(!page.contains("<script>alert"), "document text is escaped");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("첫 문장 &amp; 둘째."));
    assert!(page.contains("Third &quot;sentence&quot; it&#39;s."));
    assert!(page.contains("<h1>t</h1>"));
    let rows = unit_rows(&page);
    let bands: Vec<&str> = rows.iter().map(|r| attr(r, "data-band").unwrap()).collect();
    assert_eq!(bands, ["high", "mid", "low", "unaligned"]);
    assert!(rows[1].contains(" omission") && rows[1].contains(">omitted<"), "{}", rows[1]);
    assert_eq!(rows[3].matches(">no match<").count(), 2);
    assert!(rows[0].contains("<span class=\"mk\" lang=\"en\">T</span>"), "title marker");
    assert!(rows[0].contains("Korea and Peru Sign &lt;Agreement&gt;"));
    assert!(rows[1].contains(">1.</span>") && rows[2].contains(">2.</span>"), "paragraph numbers");
    assert!(!rows[3].contains("class=\"mk\""), "no marker inside a paragraph");
    let check: Vec<bool> = rows.iter().map(|r| attr(r, "class").unwrap().split(' ').any(|c| c == "check")).collect();
    assert_eq!(check, [false, true, true, true]);
    let dl = &page[page.find("<dl id=\"summary\"").unwrap()..];
    let figures: Vec<&str> = ["data-units", "data-aligned", "data-unaligned", "data-omissions", "data-below"]
        .iter()
        .map(|a| attr(dl, a).unwrap())
        .collect();
    assert_eq!(figures, ["4", "3", "1", "1", "1"]);
    // A threshold of 0.85 makes the 0.8 unit red.
    let page = html(&docs, &alignment, &ReviewOptions::for_min_score(0.85));
    assert_eq!(attr(unit_rows(&page)[1], "data-band"), Some("low"));
}

#[test]
fn a_large_release_is_one_plain_table() {
    let paragraphs = 1500;
    let text = |lang: &str| {
        let mut text = format!("Title {lang}\n\n");
        for p in 1..=paragraphs {
            text.push_str(&format!("{p}. Sentence {p} one in {lang}. Sentence {p} two in {lang}.\n\n"));
        }
        text
    };
    let docs: Vec<Document> = [(Lang::En, "en"), (Lang::Es, "es")]
        .into_iter()
        .map(|(lang, code)| Document::parse(format!("big.{code}.txt"), lang, text(code)))
        .collect();
    let n = docs[0].sentences.len();
    assert!(n > 2 * paragraphs && docs[1].sentences.len() == n, "{n} sentences");
    let alignment = Alignment {
        units: (0..n)
            .map(|i| AlignedUnit { sentences: vec![i..i + 1, i..i + 1], score: (i % 10) as f64 / 10.0 })
            .collect(),
    };
    let start = std::time::Instant::now();
    let page = html(&docs, &alignment, &ReviewOptions::default());
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    assert_eq!(unit_rows(&page).len(), n);
    assert_eq!(page.matches("<table").count(), 1);
    assert_eq!(page.matches("<script").count(), 0, "rows are shown without script");
    assert!(page.len() < n * 700, "{} bytes for {n} units", page.len());
}

#[test]
fn the_batch_index_links_every_release() {
    let options = ReviewOptions::default();
    let entries: Vec<ReviewIndexEntry> = ["mini", "eclac-regional-growth-outlook"]
        .iter()
        .map(|name| {
            let (docs, alignment) = aligned(name);
            ReviewIndexEntry {
                name: name.to_string(),
                href: format!("{name} <&>.html"),
                summary: ReviewSummary::of(&alignment, docs.len(), &options),
            }
        })
        .collect();
    let mut out = Vec::new();
    write_review_index(&entries, &options, &mut out).unwrap();
    let page = String::from_utf8(out).unwrap();
    assert_eq!(page.matches("<tr class=\"release ").count(), 2);
    assert!(page.contains("<a href=\"mini%20%3C%26%3E.html\">mini</a>"), "{page}");
    assert!(page.contains("data-releases=\"2\""));
}

// ---------------------------------------------------------------------------------------------
// Headless Chromium.

const CHROMIUM: &str = "/usr/bin/chromium";

/// Loads `page` in headless Chromium and returns the DOM after load, or `None` (after saying so)
/// when Chromium is missing and `TMALIGN_SKIP_BROWSER=1` allows it. Without Chromium and without
/// that variable the test fails: a browser test that did not run must not look like one that passed.
fn dump_dom(page: &Path) -> Option<String> {
    if !Path::new(CHROMIUM).exists() {
        if std::env::var("TMALIGN_SKIP_BROWSER").as_deref() == Ok("1") {
            eprintln!(
                "SKIPPED: {CHROMIUM} is missing and TMALIGN_SKIP_BROWSER=1: the review page was not checked in a browser"
            );
            return None;
        }
        panic!(
            "{CHROMIUM} is missing: install it (apt-get install -y chromium fonts-noto-cjk) or set \
             TMALIGN_SKIP_BROWSER=1 to skip the browser test knowingly"
        );
    }
    let profile = TempDir::new().unwrap();
    let out = Command::new("timeout")
        .arg("180")
        .arg(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1400,1000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).unwrap())
}

/// A script appended to the page for the test: it measures the page as rendered (row colours,
/// column positions, rows shown before and after ticking the filter) into `<pre id="probe">`.
const PROBE: &str = r#"<script>
(function () {
  var out = [];
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.unit'));
  var visible = function () { return rows.filter(function (r) { return r.getClientRects().length > 0; }).length; };
  rows.forEach(function (r) {
    var cells = Array.prototype.slice.call(r.cells);
    out.push(['row', r.id, r.dataset.band, getComputedStyle(r).backgroundColor,
      cells.map(function (c) { return Math.round(c.getBoundingClientRect().left); }).join(','),
      cells.map(function (c) { return c.lang || '-'; }).join(',')].join('|'));
  });
  out.push('visible|' + visible());
  var box = document.getElementById('only-check');
  box.click();
  out.push('filtered|' + visible());
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = out.join('\n');
  document.body.appendChild(pre);
})();
</script>"#;

#[test]
fn the_page_renders_in_chromium() {
    let dir = TempDir::new().unwrap();
    let (docs, alignment) = aligned("mofa-central-america-vice-ministerial");
    let options = ReviewOptions::default();
    let page = html(&docs, &alignment, &options).replace("</body>", &format!("{PROBE}</body>"));
    let file = dir.path().join("review.html");
    std::fs::write(&file, page).unwrap();
    let Some(dom) = dump_dom(&file) else { return };
    let probe = &dom[dom.find("<pre id=\"probe\">").expect("the probe ran")..];
    let probe = &probe[16..probe.find("</pre>").unwrap()];
    let mut colours: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut lefts: Option<String> = None;
    let mut rows = 0;
    let mut figures = BTreeMap::new();
    for line in probe.lines() {
        let fields: Vec<&str> = line.split('|').collect();
        if fields[0] == "row" {
            rows += 1;
            assert_eq!(fields[1], format!("u{rows}"));
            colours.entry(fields[2].to_string()).or_default().push(fields[3].to_string());
            // Every row's cells start at the same x: the columns line up.
            assert_eq!(*lefts.get_or_insert_with(|| fields[4].to_string()), fields[4], "row {rows}");
            assert_eq!(fields[5], "-,-,ko,en,es", "row {rows}: the cells' languages");
        } else {
            figures.insert(fields[0].to_string(), fields[1].parse::<usize>().unwrap());
        }
    }
    assert_eq!(rows, alignment.units.len());
    // Each band has one colour, and different bands different colours.
    let mut seen = BTreeMap::new();
    for (band, list) in &colours {
        assert!(list.iter().all(|c| c == &list[0]), "{band}: {list:?}");
        assert!(list[0] != "rgba(0, 0, 0, 0)", "{band} rows are coloured");
        assert!(seen.insert(list[0].clone(), band.clone()).is_none(), "{band} shares its colour");
    }
    let expected = |band: Band| alignment.units.iter().filter(|u| options.band(u) == band).count();
    assert_eq!(colours.get("high").map_or(0, Vec::len), expected(Band::High));
    assert_eq!(colours.get("high").map(|c| c[0].as_str()), Some("rgb(227, 244, 232)"));
    assert_eq!(figures["visible"], alignment.units.len());
    let to_check = alignment
        .units
        .iter()
        .filter(|u| {
            let band = options.band(u);
            matches!(band, Band::Low | Band::Unaligned) || (band != Band::Unaligned && u.languages() < docs.len())
        })
        .count();
    assert_eq!(figures["filtered"], to_check, "the filter shows the units to check");
}

// ---------------------------------------------------------------------------------------------
// The review spreadsheet and import-review.

const LANGS: [&str; 3] = ["ko", "en", "es"];

/// A row as a user's spreadsheet holds it: id, score, ko, en, es.
type Row = [String; 5];

fn rows_of(sheet: &ReviewSheet) -> Vec<Row> {
    assert_eq!(sheet.langs, [Lang::Ko, Lang::En, Lang::Es]);
    sheet
        .rows
        .iter()
        .map(|r| {
            let score = r.score.map_or_else(String::new, |s| format!("{s:.3}"));
            [r.id.clone(), score, r.texts[0].clone(), r.texts[1].clone(), r.texts[2].clone()]
        })
        .collect()
}

/// Splits a text in two at the first space after its middle.
fn halves(text: &str) -> (String, String) {
    let middle = text.char_indices().nth(text.chars().count() / 2).map_or(text.len(), |(i, _)| i);
    match text[middle..].find(' ') {
        Some(at) => (text[..middle + at].to_string(), text[middle + at + 1..].to_string()),
        None => (text.to_string(), String::new()),
    }
}

/// The edits a translator makes: delete row 2, split row 4 into two rows, merge rows 6 and 7
/// (score cleared), correct the English of row 9, and add a new row without id at the end.
fn edit(rows: &[Row]) -> Vec<Row> {
    let by_id = |id: &str| rows.iter().find(|r| r[0] == id).unwrap().clone();
    let mut edited = Vec::new();
    for row in rows {
        match row[0].as_str() {
            "2" | "7" => {}
            "4" => {
                let (mut a, mut b) = (row.clone(), row.clone());
                b[0] = String::new();
                for c in 2..5 {
                    (a[c], b[c]) = halves(&row[c]);
                }
                edited.extend([a, b]);
            }
            "6" => {
                let next = by_id("7");
                let mut merged = row.clone();
                merged[1] = String::new();
                for c in 2..5 {
                    merged[c] = [row[c].as_str(), next[c].as_str()].join(" ").trim().to_string();
                }
                edited.push(merged);
            }
            "9" => {
                let mut fixed = row.clone();
                fixed[1] = "1".to_string();
                fixed[3] = "  Corrected\u{a0}text with <markup> &  \"quotes\"  ".to_string();
                edited.push(fixed);
            }
            _ => edited.push(row.clone()),
        }
    }
    edited.push([String::new(), String::new(), "새 문장.".into(), "A new sentence.".into(), String::new()]);
    edited
}

/// The units an edited file describes: one per row with Korean and another language, the
/// texts trimmed with their spaces folded.
fn expected_units(rows: &[Row]) -> Vec<Vec<(String, String)>> {
    let fold = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    rows.iter()
        .map(|r| {
            (0..3)
                .filter(|&c| !fold(&r[c + 2]).is_empty())
                .map(|c| (tmalign::Lang::from_code(LANGS[c]).unwrap().default_locale().to_string(), fold(&r[c + 2])))
                .collect::<Vec<_>>()
        })
        .filter(|v| v.len() >= 2 && v[0].0 == "ko-KR")
        .collect()
}

fn variants(units: &[TranslationUnit]) -> Vec<Vec<(String, String)>> {
    units.iter().map(|u| u.variants.iter().map(|v| (v.lang.clone(), v.text.clone())).collect()).collect()
}

/// A TSV as a spreadsheet saves it: cells with a quote, tab or line break quoted.
fn spreadsheet_tsv(rows: &[Row]) -> String {
    let cell = |c: &str| {
        if c.contains(['"', '\t', '\n']) { format!("\"{}\"", c.replace('"', "\"\"")) } else { c.to_string() }
    };
    let mut text = String::from("id\tscore\tko\ten\tes\r\n");
    for row in rows {
        text.push_str(&row.iter().map(|c| cell(c)).collect::<Vec<_>>().join("\t"));
        text.push_str("\r\n");
    }
    text
}

/// An xlsx as a spreadsheet program saves it, ids and scores as numbers.
fn spreadsheet_xlsx(rows: &[Row], file: &Path) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let ws = workbook.add_worksheet();
    for (c, name) in (0u16..).zip(["id", "score", "ko", "en", "es"]) {
        ws.write_string(0, c, name).unwrap();
    }
    for (r, row) in (1u32..).zip(rows) {
        for (c, cell) in (0u16..).zip(row) {
            if let (true, Ok(n)) = (c < 2, cell.parse::<f64>()) {
                ws.write_number(r, c, n).unwrap();
            } else if !cell.is_empty() {
                ws.write_string(r, c, cell).unwrap();
            }
        }
    }
    workbook.save(file).unwrap();
}

fn import(file: &Path) -> Vec<TranslationUnit> {
    let sheet = read_review_file(file).unwrap();
    sheet.to_memory(&MemoryOptions::default()).units
}

#[test]
fn review_tsv_and_xlsx_read_back_as_written() {
    let dir = TempDir::new().unwrap();
    let (docs, alignment) = aligned("mofa-caribbean-climate-finance-workshop");
    let sheet = ReviewSheet::from_alignment(&docs, &alignment);
    assert_eq!(sheet.rows.len(), alignment.units.len());
    let tsv = dir.path().join("review.tsv");
    let mut out = Vec::new();
    write_review_tsv(&sheet, &mut out).unwrap();
    assert!(out.starts_with(b"id\tscore\tko\ten\tes\n"));
    std::fs::write(&tsv, out).unwrap();
    let xlsx = dir.path().join("review.xlsx");
    write_review_xlsx(&sheet, &ReviewOptions::default(), std::fs::File::create(&xlsx).unwrap()).unwrap();
    // Rows with text come back as they were (scores to three decimals).
    let expected: Vec<Row> = rows_of(&sheet).into_iter().filter(|r| r[2..].iter().any(|t| !t.is_empty())).collect();
    assert_eq!(rows_of(&read_review_file(&tsv).unwrap()), expected);
    assert_eq!(rows_of(&read_review_file(&xlsx).unwrap()), expected);
    // Unchanged, the file gives the memory's units (no score filter): those with Korean and
    // another language.
    let memory = tmalign::TranslationMemory::from_alignment(&docs, &alignment, &MemoryOptions::default());
    assert_eq!(variants(&import(&tsv)), variants(&memory.units));
    assert_eq!(variants(&import(&xlsx)), variants(&memory.units));
}

#[test]
fn the_xlsx_has_a_frozen_styled_header() {
    let (docs, alignment) = aligned("mini");
    let mut out = Vec::new();
    write_review_xlsx(&ReviewSheet::from_alignment(&docs, &alignment), &ReviewOptions::default(), &mut out).unwrap();
    use calamine::Reader;
    let workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(out.clone())).unwrap();
    assert_eq!(workbook.sheet_names(), ["review"]);
    let sheet_xml = xlsx_part(&out, "xl/worksheets/sheet1.xml");
    assert!(sheet_xml.contains("<pane ySplit=\"1\""), "frozen header");
    assert!(sheet_xml.contains("<autoFilter ref=\"A1:E"), "filters");
    assert!(sheet_xml.contains("$B2&lt;0.7"), "rows below the threshold coloured");
    assert!(sheet_xml.contains("width=\"55.7"), "wide text columns: {sheet_xml}");
    assert!(xlsx_part(&out, "xl/styles.xml").contains("wrapText=\"1\""));
}

/// A part of an xlsx (a zip archive), read with Python's zipfile.
fn xlsx_part(bytes: &[u8], name: &str) -> String {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("x.xlsx");
    std::fs::write(&file, bytes).unwrap();
    let out = Command::new("python3")
        .args(["-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())"])
        .arg(&file)
        .arg(name)
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn import_gives_exactly_the_edited_units() {
    let dir = TempDir::new().unwrap();
    let (docs, alignment) = aligned("mofa-central-america-vice-ministerial");
    let original = rows_of(&ReviewSheet::from_alignment(&docs, &alignment));
    assert!(original.len() >= 10);
    let edited = edit(&original);
    let expected = expected_units(&edited);
    // The edit describes: row 2 gone, row 4 two units, rows 6 and 7 one, row 9 corrected, one new.
    for id in ["2", "4", "6", "7", "9"] {
        let row = original.iter().find(|r| r[0] == id).unwrap();
        assert!(!row[2].is_empty() && !row[3].is_empty(), "row {id} is a unit of the memory: {row:?}");
    }
    assert_eq!(expected.len(), expected_units(&original).len(), "-1 deleted, +1 split, -1 merged, +1 new");

    let tsv = dir.path().join("edited.tsv");
    std::fs::write(&tsv, spreadsheet_tsv(&edited)).unwrap();
    let xlsx = dir.path().join("edited.xlsx");
    spreadsheet_xlsx(&edited, &xlsx);
    for file in [&tsv, &xlsx] {
        let units = import(file);
        assert_eq!(variants(&units), expected, "{}", file.display());
        let fixed = units.iter().find(|u| u.prop("x-review-id") == Some("9")).unwrap();
        assert_eq!(fixed.text("en"), Some("Corrected text with <markup> & \"quotes\""));
        assert_eq!(fixed.prop("x-score"), Some("1.000"));
        let merged = units.iter().find(|u| u.prop("x-review-id") == Some("6")).unwrap();
        assert_eq!(merged.prop("x-score"), None, "a cleared score is not written");
        let new = units.last().unwrap();
        assert_eq!((new.text("ko"), new.prop("x-review-id")), (Some("새 문장."), None));
        assert!(units.iter().all(|u| u.prop("x-reviewed") == Some("yes")));
        assert!(units.iter().all(|u| u.prop("x-review-id") != Some("2")), "the deleted row is gone");
        assert_eq!(units.iter().filter(|u| u.prop("x-review-id") == Some("4")).count(), 1, "split: one keeps the id");
    }
}

#[test]
fn a_utf16_tsv_from_a_spreadsheet_is_read() {
    let dir = TempDir::new().unwrap();
    let text = "id\tscore\tko\tes\r\n1\t0,9\t한국\tCorea\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let file = dir.path().join("edited.txt");
    std::fs::write(&file, bytes).unwrap();
    let sheet = read_review_file(&file).unwrap();
    assert_eq!(sheet.langs, [Lang::Ko, Lang::Es]);
    assert_eq!(sheet.rows[0].score, Some(0.9));
    assert_eq!(sheet.rows[0].texts, ["한국", "Corea"]);
}

#[test]
fn bad_review_files_are_named_with_their_row() {
    let dir = TempDir::new().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        file
    };
    let cases = [
        (write("noheader.tsv", "1\t0.9\t한국\tKorea\n".as_bytes()), "row 1: unknown column \"1\""),
        (write("french.tsv", b"id\tscore\tko\tfrench\n"), "row 1: unknown column \"french\""),
        (write("score.tsv", "id\tscore\tko\ten\n1\t0.9\t가\ta\n2\thigh\t나\tb\n".as_bytes()), "row 3: score \"high\""),
        (write("broken.xlsx", b"PK\x03\x04 not really a zip"), "not a readable workbook"),
    ];
    for (file, message) in cases {
        let err = read_review_file(&file).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Review, "{err}");
        assert_eq!(err.path(), Some(file.as_path()));
        assert!(err.to_string().contains(message), "{err}");
    }
    let err = read_review_file(&write("review.csv", b"id,score\n")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Usage);
    let err = read_review_file(&dir.path().join("missing.xlsx")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
}

// ---------------------------------------------------------------------------------------------
// The command line.

fn tmalign(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tmalign"));
    for arg in args {
        cmd.arg(arg);
    }
    cmd.output().expect("the tmalign binary runs")
}

#[test]
fn cli_writes_a_review_page_and_sheet_and_imports_it() {
    let dir = TempDir::new().unwrap();
    let release = "mini";
    let (ko, en, es) = (path(release, Lang::Ko), path(release, Lang::En), path(release, Lang::Es));
    let (xlsx, page, tmx) = (dir.path().join("m.xlsx"), dir.path().join("m.html"), dir.path().join("m.tmx"));
    let out = tmalign(&[&"align", &ko, &en, &es, &"-o", &xlsx, &"--format", &"xlsx", &"--review", &page]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let (docs, alignment) = aligned(release);
    assert_eq!(unit_rows(&std::fs::read_to_string(&page).unwrap()).len(), alignment.units.len());
    let out = tmalign(&[&"import-review", &xlsx, &"-o", &tmx]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let memory = read_tmx_file(&tmx).unwrap();
    let expected = tmalign::TranslationMemory::from_alignment(&docs, &alignment, &MemoryOptions::default());
    assert_eq!(variants(&memory.units), variants(&expected.units));
    assert_eq!(memory.header.src_lang, "ko-KR");

    let out = tmalign(&[&"align", &ko, &en, &"-o", &"-", &"--format", &"xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("xlsx is binary"));
    let bad = dir.path().join("bad.tsv");
    std::fs::write(&bad, "id\tscore\tko\tdeutsch\n").unwrap();
    let out = tmalign(&[&"import-review", &bad, &"-o", &tmx]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.tsv: row 1: unknown column \"deutsch\""), "{stderr}");
    let out = tmalign(&[&"import-review", &xlsx, &"-o", &tmx, &"--srclang", &"en"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(read_tmx_file(&tmx).unwrap().header.src_lang, "en-US");
}

#[test]
fn review_tsv_format_from_the_cli() {
    let (ko, en) = (path("mini", Lang::Ko), path("mini", Lang::En));
    let out = tmalign(&[&"align", &en, &ko, &"-o", &"-", &"--format", &"review-tsv"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("id\tscore\ten\tko\n1\t"), "{text}");
}
