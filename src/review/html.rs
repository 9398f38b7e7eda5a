//! The review page: a self-contained HTML table of an alignment, and the index of a batch.

use super::{Band, ReviewOptions, ReviewSummary};
use crate::align::Alignment;
use crate::document::{BlockKind, Document, Marker};
use std::io::{self, Write};

/// Writes the review page of one release: a self-contained HTML file (UTF-8, inline CSS, one
/// optional line of inline script, no network access, no external assets) for a translator to
/// check an alignment before it enters the memory.
///
/// - A summary on top: documents, units, mean confidence of the aligned units, how many are below
///   `options.threshold`, unaligned sentences, omissions, and a legend of the colours.
/// - A table with a column per document (in input order, each cell with its `lang`, so fonts and
///   line breaking suit Korean, English or Spanish) and one row per unit of `alignment`, in order,
///   coloured by [`Band`]: green (at least `options.good`), amber, red (below the threshold), grey
///   (a sentence of one language nothing matched). A document with nothing in a unit shows an
///   empty, hatched cell marked "omitted" (or "no match" beside an unaligned sentence). Where a
///   block (title, paragraph, sub-item) starts, its marker is shown before its first sentence
///   ("T" for the title, "1." for paragraph 1, "¶" for an unnumbered paragraph, the bullet of a
///   sub-item) and the row has a heavier top border.
/// - A check box hides every row except those to check (below the threshold, unaligned, or with
///   an omission). Without script the page shows every row.
///
/// For tests and tools, each unit row is `<tr class="unit band-…">` with `id="uN"` (N = the unit's
/// 1-based number, as in the review spreadsheet's `id` column), `data-unit`, `data-score` (three
/// decimals), `data-band` ([`Band::name`]) and `data-langs`; each sentence is a
/// `<span class="s" data-doc="K" data-sentence="I">`; the summary is `<dl id="summary">` with
/// `data-units`, `data-aligned`, `data-unaligned`, `data-omissions`, `data-below`.
///
/// All document text is HTML-escaped. A large release is one plain table: no script is needed to
/// show it, and it is written as it goes.
///
/// To look at a page as a person would (Debian's `chromium` and `fonts-noto-cjk` installed; as
/// root, Chromium needs `--no-sandbox`):
///
/// ```text
/// target/release/tmalign align corpus/mofa-central-america-vice-ministerial.{ko,en,es}.txt \
///     -o /tmp/review.tmx --review /tmp/review.html
/// chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
///     --disable-background-networking --disable-component-update --disable-sync \
///     --user-data-dir="$(mktemp -d)" --hide-scrollbars --window-size=1400,2400 \
///     --screenshot=/tmp/review.png file:///tmp/review.html
/// ```
///
/// # Errors
///
/// Only errors from `out`.
pub fn write_review_html<W: Write>(
    docs: &[Document],
    alignment: &Alignment,
    options: &ReviewOptions,
    mut out: W,
) -> io::Result<()> {
    let summary = ReviewSummary::of(alignment, docs.len(), options);
    let title = options.title.clone().unwrap_or_else(|| release_name(docs));
    head(&mut out, &format!("Review: {title}"))?;
    writeln!(out, "<h1>{}</h1>", escape(&title))?;
    writeln!(out, "<ul class=\"docs\">")?;
    for doc in docs {
        writeln!(out, "<li><b>{}</b> {}: {} sentences</li>", doc.lang, escape(&doc.name), doc.sentences.len())?;
    }
    writeln!(out, "</ul>")?;
    summary_list(&mut out, &summary)?;
    legend(&mut out, options)?;
    writeln!(
        out,
        "<p class=\"filter\"><label><input type=\"checkbox\" id=\"only-check\" \
         onchange=\"document.body.classList.toggle('only-check', this.checked)\"> \
         Show only the units to check (below {:.2}, unaligned, omissions)</label></p>",
        options.threshold
    )?;

    writeln!(out, "<table class=\"review\">")?;
    write!(out, "<colgroup><col class=\"c-id\"><col class=\"c-score\">")?;
    for _ in docs {
        write!(out, "<col>")?;
    }
    writeln!(out, "</colgroup>")?;
    write!(out, "<thead><tr><th>#</th><th>score</th>")?;
    for doc in docs {
        write!(out, "<th>{} <small>{}</small></th>", doc.lang, escape(file_name(&doc.name)))?;
    }
    writeln!(out, "</tr></thead>\n<tbody>")?;
    for (u, unit) in alignment.units.iter().enumerate() {
        let number = u + 1;
        let band = options.band(unit);
        let omission = band != Band::Unaligned && unit.languages() < docs.len();
        let check = matches!(band, Band::Low | Band::Unaligned) || omission;
        let new_block = docs.iter().zip(&unit.sentences).any(|(doc, r)| !r.is_empty() && starts_block(doc, r.start));
        let mut classes = format!("unit band-{}", band.name());
        for (flag, name) in [(check, "check"), (omission, "omission"), (new_block, "new-block")] {
            if flag {
                classes.push(' ');
                classes.push_str(name);
            }
        }
        write!(
            out,
            "<tr class=\"{classes}\" id=\"u{number}\" data-unit=\"{number}\" data-score=\"{:.3}\" \
             data-band=\"{}\" data-langs=\"{}\"><td class=\"id\"><a href=\"#u{number}\">{number}</a></td>",
            unit.score,
            band.name(),
            unit.languages()
        )?;
        if band == Band::Unaligned {
            write!(out, "<td class=\"score\">–</td>")?;
        } else {
            write!(out, "<td class=\"score\">{:.2}</td>", unit.score)?;
        }
        for (k, doc) in docs.iter().enumerate() {
            let lang = doc.lang.code();
            let range = unit.sentences.get(k).cloned().unwrap_or(0..0);
            if range.is_empty() {
                let note = if band == Band::Unaligned { "no match" } else { "omitted" };
                write!(
                    out,
                    "<td class=\"seg gap\" lang=\"{lang}\"><span class=\"note\" lang=\"en\">{note}</span></td>"
                )?;
                continue;
            }
            write!(
                out,
                "<td class=\"seg\" lang=\"{lang}\" title=\"{}, line {}\">",
                escape(&doc.name),
                doc.sentence_line(range.start)
            )?;
            for i in range {
                if starts_block(doc, i) {
                    write!(out, "<span class=\"mk\" lang=\"en\">{}</span>", escape(&block_label(doc, i)))?;
                }
                write!(
                    out,
                    "<span class=\"s\" data-doc=\"{k}\" data-sentence=\"{i}\">{}</span> ",
                    escape(&doc.sentence_text(i))
                )?;
            }
            write!(out, "</td>")?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody>\n</table>\n</body>\n</html>")?;
    out.flush()
}

/// One release in a batch index: its name, where its review page is, and its figures.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewIndexEntry {
    /// The release's name, as shown.
    pub name: String,
    /// The review page, relative to the index file (e.g. `NAME.html`, `reviews/NAME.html`). It
    /// is percent-encoded for the link, so any file name works.
    pub href: String,
    /// Its figures: [`ReviewSummary::of`] with the same options as its page.
    pub summary: ReviewSummary,
}

/// Writes the index page of a batch review: a self-contained HTML table with one row per release
/// (a link to its page, units, mean confidence, units below the threshold, unaligned sentences,
/// omissions), coloured by the release's mean confidence, and the totals on top. Releases that
/// need a look (units below the threshold, unaligned sentences or omissions) are marked.
///
/// How `batch --review DIR` should use it: for each release, write its page with
/// [`write_review_html`] to `DIR/NAME.html` (atomically, like every output), keep
/// `ReviewIndexEntry { name: NAME, href: "NAME.html", summary: ReviewSummary::of(&alignment,
/// docs.len(), &options) }`, and at the end write the entries with this function to
/// `DIR/index.html`. A release that failed has no page and no entry (the batch reports it).
///
/// Rows are `<tr class="release band-…" data-units=… data-below=…>`.
///
/// # Errors
///
/// Only errors from `out`.
pub fn write_review_index<W: Write>(
    entries: &[ReviewIndexEntry],
    options: &ReviewOptions,
    mut out: W,
) -> io::Result<()> {
    let title = options.title.clone().unwrap_or_else(|| "tmalign review".to_string());
    head(&mut out, &title)?;
    writeln!(out, "<h1>{}</h1>", escape(&title))?;
    let units: usize = entries.iter().map(|e| e.summary.units).sum();
    let below: usize = entries.iter().map(|e| e.summary.below).sum();
    let to_check = entries.iter().filter(|e| needs_check(&e.summary)).count();
    writeln!(
        out,
        "<dl id=\"summary\" data-releases=\"{}\" data-units=\"{units}\" data-below=\"{below}\">\
         <div><dt>releases</dt><dd>{}</dd></div><div><dt>units</dt><dd>{units}</dd></div>\
         <div><dt>below {:.2}</dt><dd>{below}</dd></div><div><dt>releases to check</dt><dd>{to_check}</dd></div></dl>",
        entries.len(),
        entries.len(),
        options.threshold
    )?;
    legend(&mut out, options)?;
    writeln!(
        out,
        "<table class=\"index\"><thead><tr><th>release</th><th>units</th><th>mean</th><th>below</th>\
         <th>unaligned</th><th>omissions</th></tr></thead>\n<tbody>"
    )?;
    for entry in entries {
        let s = &entry.summary;
        let band = match s.mean_score {
            None => Band::Unaligned,
            Some(m) if m >= options.good.max(options.threshold) => Band::High,
            Some(m) if m >= options.threshold => Band::Mid,
            Some(_) => Band::Low,
        };
        let mean = s.mean_score.map_or_else(|| "–".to_string(), |m| format!("{m:.2}"));
        let check = if needs_check(s) { " check" } else { "" };
        writeln!(
            out,
            "<tr class=\"release band-{}{check}\" data-units=\"{}\" data-below=\"{}\"><td><a href=\"{}\">{}</a></td>\
             <td>{}</td><td class=\"score\">{mean}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            band.name(),
            s.units,
            s.below,
            escape(&percent_encode(&entry.href)),
            escape(&entry.name),
            s.units,
            s.below,
            s.unaligned,
            s.omissions
        )?;
    }
    writeln!(out, "</tbody>\n</table>\n</body>\n</html>")?;
    out.flush()
}

fn needs_check(s: &ReviewSummary) -> bool {
    s.below > 0 || s.unaligned > 0 || s.omissions > 0
}

const STYLE: &str = "
:root { --high: #1b7f3b; --high-bg: #e3f4e8; --mid: #a86400; --mid-bg: #fff1cc; --low: #c62828;
  --low-bg: #fde0de; --un: #6b6b6b; --un-bg: #ececec; }
body { font: 15px/1.45 'Noto Sans', 'Noto Sans CJK KR', 'Noto Sans KR', 'Apple SD Gothic Neo', 'Malgun Gothic',
  system-ui, sans-serif; margin: 1.2em; color: #1a1a1a; background: #fff; }
:lang(ko) { font-family: 'Noto Sans CJK KR', 'Noto Sans KR', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif;
  word-break: keep-all; }
h1 { font-size: 1.35em; margin: 0 0 .3em; }
ul.docs { margin: 0 0 .6em; padding-left: 1.2em; color: #444; }
dl#summary { display: flex; flex-wrap: wrap; gap: .5em; margin: .4em 0; }
dl#summary div { border: 1px solid #ccc; border-radius: 4px; padding: .2em .7em; }
dt { font-size: .8em; color: #555; } dd { margin: 0; font-size: 1.25em; font-weight: 600; }
.legend span { display: inline-block; padding: 0 .5em; margin-right: .4em; border-left: 6px solid; }
table { border-collapse: collapse; width: 100%; }
table.review { table-layout: fixed; }
col.c-id { width: 3.2em; } col.c-score { width: 4.2em; }
th { position: sticky; top: 0; background: #f4f4f4; text-align: left; padding: .3em .5em;
  border-bottom: 2px solid #999; z-index: 1; }
th small { font-weight: normal; color: #666; }
td { vertical-align: top; padding: .3em .5em; border-top: 1px solid #ddd; overflow-wrap: anywhere; }
td.id { font-size: .8em; color: #666; } td.id a { color: inherit; text-decoration: none; }
td.score { font-weight: 700; font-variant-numeric: tabular-nums; }
tr.band-high td.score, .legend .band-high { border-left: 6px solid var(--high); color: var(--high); }
tr.band-mid td.score, .legend .band-mid { border-left: 6px solid var(--mid); color: var(--mid); }
tr.band-low td.score, .legend .band-low { border-left: 6px solid var(--low); color: var(--low); }
tr.band-unaligned td.score, .legend .band-unaligned { border-left: 6px solid var(--un); color: var(--un); }
tr.band-high, .legend .band-high { background: var(--high-bg); }
tr.band-mid, .legend .band-mid { background: var(--mid-bg); }
tr.band-low, .legend .band-low { background: var(--low-bg); }
tr.band-unaligned, .legend .band-unaligned { background: var(--un-bg); }
tr.new-block td { border-top: 2px solid #777; }
td.gap { background: repeating-linear-gradient(135deg, transparent 0 6px, rgba(0,0,0,.07) 6px 12px); }
.note { font-size: .8em; font-style: italic; color: #777; }
.mk { display: inline-block; font-size: .75em; font-weight: 700; color: #fff; background: #666; border-radius: 3px;
  padding: 0 .35em; margin-right: .35em; vertical-align: .1em; }
body.only-check tr.unit:not(.check) { display: none; }
table.index td { border-top: 1px solid #ddd; }
";

fn head<W: Write>(out: &mut W, title: &str) -> io::Result<()> {
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        escape(title)
    )
}

fn summary_list<W: Write>(out: &mut W, s: &ReviewSummary) -> io::Result<()> {
    let mean = s.mean_score.map_or_else(|| "–".to_string(), |m| format!("{m:.2}"));
    writeln!(
        out,
        "<dl id=\"summary\" data-units=\"{}\" data-aligned=\"{}\" data-unaligned=\"{}\" data-omissions=\"{}\" \
         data-below=\"{}\"><div><dt>units</dt><dd>{}</dd></div><div><dt>aligned</dt><dd>{}</dd></div>\
         <div><dt>mean confidence</dt><dd>{mean}</dd></div><div><dt>below {:.2}</dt><dd>{}</dd></div>\
         <div><dt>unaligned sentences</dt><dd>{}</dd></div><div><dt>omissions</dt><dd>{}</dd></div></dl>",
        s.units,
        s.aligned,
        s.unaligned,
        s.omissions,
        s.below,
        s.units,
        s.aligned,
        s.threshold,
        s.below,
        s.unaligned,
        s.omissions
    )
}

fn legend<W: Write>(out: &mut W, options: &ReviewOptions) -> io::Result<()> {
    let good = options.good.max(options.threshold);
    writeln!(
        out,
        "<p class=\"legend\"><span class=\"band-high\">≥ {good:.2} good</span>\
         <span class=\"band-mid\">{:.2}–{good:.2} check</span><span class=\"band-low\">&lt; {:.2} below threshold</span>\
         <span class=\"band-unaligned\">unaligned sentence</span></p>",
        options.threshold, options.threshold
    )
}

/// True when sentence `i` is the first of its block.
fn starts_block(doc: &Document, i: usize) -> bool {
    i == 0 || doc.sentences.get(i - 1).map(|s| s.block) != doc.sentences.get(i).map(|s| s.block)
}

/// The label shown where a block starts.
fn block_label(doc: &Document, i: usize) -> String {
    let block = doc.block_of(i);
    match (block.kind, block.marker) {
        (BlockKind::Title, _) => "T".to_string(),
        (_, Some(Marker::Number(n))) => format!("{n}."),
        (_, Some(Marker::Bullet(c))) => c.to_string(),
        (BlockKind::SubItem, None) => "•".to_string(),
        (BlockKind::Paragraph, None) => "¶".to_string(),
    }
}

/// The release name: the first document's file name without `.LANG.txt`.
fn release_name(docs: &[Document]) -> String {
    let Some(doc) = docs.first() else { return "alignment".to_string() };
    let name = file_name(&doc.name);
    let stem = name.strip_suffix(".txt").unwrap_or(name);
    match stem.rsplit_once('.') {
        Some((release, lang)) if crate::lang::Lang::from_code(lang).is_some() => release.to_string(),
        _ => stem.to_string(),
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
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

/// Percent-encodes a relative path for a link: every byte but unreserved characters and `/`.
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape(r#"<a href="x">&'"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    #[test]
    fn links_are_percent_encoded() {
        assert_eq!(percent_encode("dir/a b#?.html"), "dir/a%20b%23%3F.html");
        assert_eq!(percent_encode("한.html"), "%ED%95%9C.html");
    }

    #[test]
    fn release_names() {
        let doc = |name: &str| Document::parse(name, crate::lang::Lang::En, "Title\n\nText here.\n".to_string());
        assert_eq!(release_name(&[doc("corpus/mini.en.txt")]), "mini");
        assert_eq!(release_name(&[doc("notes.txt")]), "notes");
        assert_eq!(release_name(&[]), "alignment");
    }
}
