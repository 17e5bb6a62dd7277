//! A tiny XML tree over quick-xml, strict enough to prove well-formedness.
#![allow(dead_code)]

use std::collections::BTreeMap;

use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

#[derive(Debug, Clone)]
pub struct El {
    pub name: String,
    pub attrs: BTreeMap<String, String>,
    pub text: String,
    pub children: Vec<El>,
}

impl El {
    pub fn attr(&self, k: &str) -> Option<&str> {
        self.attrs.get(k).map(String::as_str)
    }

    /// Every element in document order (self included).
    pub fn all(&self) -> Vec<&El> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.all());
        }
        out
    }

    pub fn find_all(&self, name: &str) -> Vec<&El> {
        self.all().into_iter().filter(|e| e.name == name).collect()
    }

    /// Text content, whitespace collapsed as SVG renders it.
    pub fn content(&self) -> String {
        self.text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Case-insensitive colour attribute test.
    pub fn has_color(&self, attr: &str, hex: &str) -> bool {
        self.attr(attr).is_some_and(|v| v.eq_ignore_ascii_case(hex))
    }

    pub fn points(&self) -> Vec<(f64, f64)> {
        self.attr("points")
            .unwrap_or("")
            .split_whitespace()
            .map(|p| {
                let (x, y) = p.split_once(',').expect("x,y");
                (x.parse().expect("x"), y.parse().expect("y"))
            })
            .collect()
    }

    pub fn num(&self, attr: &str) -> f64 {
        self.attr(attr)
            .unwrap_or_else(|| panic!("missing {attr} on {}", self.name))
            .parse()
            .expect("number")
    }
}

fn element(e: &quick_xml::events::BytesStart<'_>) -> El {
    let name = e.name().as_ref().to_owned();
    let mut attrs = BTreeMap::new();
    for a in e.attributes() {
        let a = a.expect("well-formed attribute");
        let key = a.key.as_ref().to_owned();
        let value = a
            .normalized_value(XmlVersion::Implicit1_0)
            .expect("attribute value with known entities")
            .into_owned();
        assert!(
            attrs.insert(key.clone(), value).is_none(),
            "duplicate attribute {key}"
        );
    }
    El {
        name,
        attrs,
        text: String::new(),
        children: Vec::new(),
    }
}

/// Parses `svg` and panics unless it is one well-formed element tree.
pub fn parse(svg: &str) -> El {
    let mut reader = Reader::from_str(svg);
    let mut stack: Vec<El> = Vec::new();
    let mut root: Option<El> = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                assert!(root.is_none(), "content after the root element");
                stack.push(element(&e));
            }
            Event::Empty(e) => {
                let el = element(&e);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => {
                        assert!(root.is_none(), "two root elements");
                        root = Some(el);
                    }
                }
            }
            Event::End(e) => {
                let el = stack.pop().expect("end tag without start");
                assert_eq!(e.name().as_ref(), el.name, "mismatched end tag");
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                let s = t.xml10_content().into_owned();
                match stack.last_mut() {
                    Some(el) => el.text.push_str(&s),
                    None => assert!(s.trim().is_empty(), "text outside the root"),
                }
            }
            Event::GeneralRef(r) => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref().expect("valid char ref").expect("char")
                } else {
                    match &*r {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("undefined entity &{other};"),
                    }
                };
                stack
                    .last_mut()
                    .expect("reference inside an element")
                    .text
                    .push(c);
            }
            Event::CData(_) | Event::PI(_) | Event::DocType(_) => {
                panic!("unexpected CDATA, processing instruction or doctype")
            }
            Event::Comment(_) | Event::Decl(_) => {}
            Event::Eof => break,
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {}", stack.len());
    let root = root.expect("a root element");
    assert!(
        svg.chars()
            .all(|c| (c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r')),
        "characters XML 1.0 forbids"
    );
    root
}

/// Asserts the document is an SVG safe for `<img src=blob:…>` under a strict CSP.
pub fn assert_safe(root: &El) {
    assert_eq!(root.name, "svg");
    assert_eq!(root.attr("xmlns"), Some("http://www.w3.org/2000/svg"));
    for el in root.all() {
        let name = el.name.to_ascii_lowercase();
        for banned in [
            "script",
            "foreignobject",
            "image",
            "use",
            "a",
            "iframe",
            "style",
            "link",
        ] {
            assert_ne!(name, banned, "<{banned}> in chart");
        }
        for (k, v) in &el.attrs {
            let k = k.to_ascii_lowercase();
            assert!(!k.starts_with("on"), "event handler attribute {k}");
            assert!(!k.contains("href"), "reference attribute {k}");
            let v = v.to_ascii_lowercase();
            assert!(!v.contains("url("), "external reference in {k}={v}");
            assert!(!v.contains("javascript:"), "script URL in {k}");
        }
    }
}

/// All rendered `<text>` contents.
pub fn texts(root: &El) -> Vec<String> {
    root.find_all("text").iter().map(|t| t.content()).collect()
}

/// Reads a value-axis label ("−1 250.5", "40") as a number.
pub fn label_number(s: &str) -> Option<f64> {
    s.replace('\u{2212}', "-")
        .replace('\u{2009}', "")
        .parse()
        .ok()
}

/// The y-axis scale recovered from the tick labels: (pixel y, value) pairs
/// of right-aligned numeric labels, fitted as `y = a + b·v`.
pub fn y_scale(root: &El) -> (f64, f64) {
    let ticks: Vec<(f64, f64)> = root
        .find_all("text")
        .into_iter()
        .filter(|t| t.attr("text-anchor") == Some("end"))
        .filter_map(|t| label_number(&t.content()).map(|v| (v, t.num("y"))))
        .collect();
    assert!(ticks.len() >= 3, "need y tick labels, got {ticks:?}");
    let (v0, y0) = ticks[0];
    let (v1, y1) = ticks[ticks.len() - 1];
    let b = (y1 - y0) / (v1 - v0);
    let a = y0 - b * v0;
    for (v, y) in &ticks {
        assert!(
            (a + b * v - y).abs() <= 1.5,
            "tick {v} at {y} is off the linear scale"
        );
    }
    assert!(b < 0.0, "values must grow upwards");
    (a, b)
}
