//! TYP005 `citation-year`: the year of an author–year citation against the
//! arXiv identifier of the link it belongs to (the link whose text holds the
//! citation, or the link right before it).

use super::typ_support::prose;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{Inline, Link};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::citation::{Arxiv, all_citations, arxiv};

pub static META: RuleMeta = RuleMeta {
    code: "TYP005",
    name: "citation-year",
    group: Group::Typ,
    summary: "A citation year that contradicts the linked arXiv identifier",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Error,
    doc: crate::rule_doc!("TYP005"),
};

pub struct CitationYear;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn when(a: &Arxiv) -> String {
    format!("{} {}", MONTHS[(a.month - 1) as usize], a.year)
}

impl Rule for CitationYear {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        if !doc.text.contains("arxiv.org") {
            return;
        }
        for seg in prose(doc) {
            let text = doc.slice(&seg.range);
            for c in all_citations(text) {
                let group = seg.range.start + c.group.start..seg.range.start + c.group.end;
                let link: Option<&Link> = match seg.inline {
                    Inline::LinkText(i) => Some(&doc.links[i as usize]),
                    _ => doc.links.iter().rev().find(|l| {
                        !l.image
                            && l.range.end <= group.start
                            && doc.text[l.range.end..group.start].trim().is_empty()
                    }),
                };
                let Some(a) = link.and_then(|l| arxiv(&l.url)) else {
                    continue;
                };
                let year_range =
                    seg.range.start + c.year_range.start..seg.range.start + c.year_range.start + 4;
                if c.year < a.year {
                    out.push(
                        Diagnostic::new(
                            &META,
                            year_range.clone(),
                            format!(
                                "Cited year {} is before the linked arXiv preprint {} ({})",
                                c.year,
                                a.id,
                                when(&a)
                            ),
                        )
                        .with_help("the year or the link is wrong".to_string())
                        .with_fix(Fix::unsafe_edit(
                            format!("Cite {}", a.year),
                            vec![Edit::replace(year_range, a.year.to_string())],
                        )),
                    );
                } else if c.year >= a.year + 2 {
                    out.push(
                        Diagnostic::new(
                            &META,
                            year_range.clone(),
                            format!(
                                "Cited year {} is {} years after the linked arXiv preprint {} ({})",
                                c.year,
                                c.year - a.year,
                                a.id,
                                when(&a)
                            ),
                        )
                        .with_severity(Severity::Warning)
                        .with_help(format!(
                            "the preprint is from {}; if {} is a later version, link that version",
                            a.year, c.year
                        ))
                        .with_fix(Fix::unsafe_edit(
                            format!("Cite {}", a.year),
                            vec![Edit::replace(year_range, a.year.to_string())],
                        )),
                    );
                } else if c.year == a.year + 1 {
                    out.push(
                        Diagnostic::new(
                            &META,
                            year_range,
                            format!(
                                "Cited year {} is a year after the linked arXiv preprint {} ({})",
                                c.year,
                                a.id,
                                when(&a)
                            ),
                        )
                        .with_severity(Severity::Warning)
                        .with_help(format!(
                            "if {} is the year of the journal or conference version, link that version or ignore this; the preprint is {}",
                            c.year, a.year
                        )),
                    );
                }
            }
        }
    }
}
