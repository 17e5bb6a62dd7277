//! The tokenizer: a goal sentence becomes words, numbers (with their
//! currency, multiplier and percent sign already applied), dates and
//! punctuation, each remembering its byte span in the original text.

use chrono::NaiveDate;

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    /// Letters (and digits, inner hyphens and apostrophes): `q3`, `bi-weekly`.
    Word,
    /// A number: `2000000` for `$2M`, `25` for `25%`, `6` for `six`.
    Number(Num),
    /// A written date: `2026-06-30` or `6/30/2026`.
    Date(NaiveDate),
    /// Any other character.
    Punct(char),
}

/// A number with what was written around it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Num {
    pub value: f64,
    /// ISO currency code from a symbol or code next to it.
    pub currency: Option<&'static str>,
    /// Followed by `%`, `percent` or `per cent`.
    pub percent: bool,
    /// Written as plain digits (no comma, decimal point, suffix, symbol):
    /// the only numbers that can be years.
    pub plain: bool,
    /// Spelled out ("six") rather than written in digits.
    pub spelled: bool,
}

/// One token.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub kind: Kind,
    /// Lower-case text (for words; the raw text otherwise).
    pub lower: String,
    /// The text as written.
    pub raw: String,
    /// Byte offsets of the token in the statement.
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn is_word(&self, w: &str) -> bool {
        matches!(self.kind, Kind::Word) && self.lower == w
    }

    pub fn is_any(&self, words: &[&str]) -> bool {
        matches!(self.kind, Kind::Word) && words.contains(&self.lower.as_str())
    }

    pub fn num(&self) -> Option<Num> {
        match self.kind {
            Kind::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    pub fn is_word_kind(&self) -> bool {
        matches!(self.kind, Kind::Word)
    }
}

fn currency_symbol(c: char) -> Option<&'static str> {
    match c {
        '$' => Some("USD"),
        '€' => Some("EUR"),
        '£' => Some("GBP"),
        '¥' => Some("JPY"),
        '₹' => Some("INR"),
        _ => None,
    }
}

/// ISO code for a currency word or code written after (or before) a number.
pub(crate) fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "usd" | "dollars" | "dollar" | "us$" => "USD",
        "eur" | "euros" | "euro" => "EUR",
        "gbp" | "sterling" => "GBP",
        "jpy" | "yen" => "JPY",
        "inr" | "rupees" => "INR",
        "cad" => "CAD",
        "aud" => "AUD",
        "chf" => "CHF",
        _ => return None,
    })
}

/// The value of a spelled-out number word ("six", "twenty-five", "a dozen" is not).
pub(crate) fn number_word(w: &str) -> Option<f64> {
    const SMALL: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let small = |w: &str| SMALL.iter().position(|s| *s == w).map(|i| i as f64);
    let tens = |w: &str| {
        TENS.iter()
            .position(|s| *s == w)
            .map(|i| (i as f64 + 2.0) * 10.0)
    };
    if let Some(v) = small(w).or_else(|| tens(w)) {
        return Some(v);
    }
    if w == "hundred" {
        return Some(100.0);
    }
    let (a, b) = w.split_once('-')?;
    let t = tens(a)?;
    let u = small(b).filter(|u| (1.0..10.0).contains(u))?;
    Some(t + u)
}

fn multiplier(suffix: &str) -> Option<f64> {
    Some(match suffix {
        "k" | "thousand" => 1e3,
        "m" | "mm" | "mn" | "million" => 1e6,
        "b" | "bn" | "billion" => 1e9,
        _ => return None,
    })
}

/// `value × multiplier` as written: "4.14b" is exactly 4 140 000 000, not
/// the float product 4 139 999 999.999 999 5. Parsing the decimal text
/// `4.14e9` gives the double nearest the written number.
fn scale(value: f64, multiplier: f64) -> f64 {
    #[allow(clippy::cast_possible_truncation)] // multipliers are 1e3, 1e6, 1e9
    let exponent = multiplier.log10().round() as i32;
    format!("{value}e{exponent}")
        .parse::<f64>()
        .unwrap_or(value * multiplier)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

#[cfg(test)]
mod scale_tests {
    #[test]
    fn magnitudes_scale_exactly_as_written() {
        assert_eq!(super::scale(4.14, 1e9), 4_140_000_000.0);
        assert_eq!(super::scale(1.5, 1e3), 1500.0);
        assert_eq!(super::scale(2.0, 1e6), 2_000_000.0);
    }
}

/// Splits `text` into tokens (never panics; linear in the input).
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let off = |i: usize| chars.get(i).map_or(text.len(), |&(o, _)| o);
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let sym = currency_symbol(c);
        let digit_start = c.is_ascii_digit()
            || (sym.is_some() && at(i + 1).is_some_and(|d| d.is_ascii_digit()))
            || (c == '.'
                && at(i + 1).is_some_and(|d| d.is_ascii_digit())
                && (i == 0 || !at(i - 1).is_some_and(|p| p.is_ascii_digit())));
        if digit_start {
            let start = i;
            if let Some((tok, next)) = date_at(&chars, i, text) {
                out.push(tok);
                i = next;
                continue;
            }
            let mut j = i;
            let currency = sym;
            if sym.is_some() {
                j += 1;
            }
            let mut digits = String::new();
            let mut plain = sym.is_none();
            while j < n {
                let d = chars[j].1;
                if d.is_ascii_digit() {
                    digits.push(d);
                    j += 1;
                } else if d == ','
                    && !digits.is_empty()
                    && (1..=3).all(|k| at(j + k).is_some_and(|x| x.is_ascii_digit()))
                    && !at(j + 4).is_some_and(|x| x.is_ascii_digit())
                {
                    plain = false;
                    j += 1;
                } else if d == '.'
                    && !digits.contains('.')
                    && at(j + 1).is_some_and(|x| x.is_ascii_digit())
                {
                    plain = false;
                    digits.push('.');
                    j += 1;
                } else {
                    break;
                }
            }
            let mut value: f64 = digits.parse().unwrap_or(f64::NAN);
            // An attached suffix: a multiplier (2M, 1.5k, 3bn) or an ordinal (30th).
            let mut k = j;
            while k < n && chars[k].1.is_alphabetic() {
                k += 1;
            }
            if k > j {
                let suffix: String = chars[j..k].iter().map(|&(_, c)| c).collect::<String>();
                let suffix = suffix.to_lowercase();
                if let Some(m) = multiplier(&suffix).filter(|_| suffix.len() <= 2) {
                    value = scale(value, m);
                    plain = false;
                    j = k;
                } else if matches!(suffix.as_str(), "st" | "nd" | "rd" | "th") {
                    j = k;
                }
            }
            if !value.is_finite() {
                // Absurdly long digit runs are not numbers we can use.
                let raw = text[off(start)..off(j)].to_owned();
                out.push(Token {
                    kind: Kind::Word,
                    lower: raw.to_lowercase(),
                    raw,
                    start: off(start),
                    end: off(j),
                });
                i = j.max(start + 1);
                continue;
            }
            let raw = text[off(start)..off(j)].to_owned();
            out.push(Token {
                kind: Kind::Number(Num {
                    value,
                    currency,
                    percent: false,
                    plain,
                    spelled: false,
                }),
                lower: raw.clone(),
                raw,
                start: off(start),
                end: off(j),
            });
            i = j.max(start + 1);
            continue;
        }
        if is_word_char(c) {
            let start = i;
            let mut j = i + 1;
            while j < n {
                let d = chars[j].1;
                if is_word_char(d) {
                    j += 1;
                } else if matches!(d, '-' | '\'' | '’' | '&') && at(j + 1).is_some_and(is_word_char)
                {
                    j += 2;
                } else {
                    break;
                }
            }
            let raw = text[off(start)..off(j)].to_owned();
            let lower = raw.to_lowercase().replace('’', "'");
            let kind = match number_word(&lower) {
                Some(v) => Kind::Number(Num {
                    value: v,
                    currency: None,
                    percent: false,
                    plain: false,
                    spelled: true,
                }),
                None => Kind::Word,
            };
            out.push(Token {
                kind,
                lower,
                raw,
                start: off(start),
                end: off(j),
            });
            i = j;
            continue;
        }
        let raw = c.to_string();
        out.push(Token {
            kind: Kind::Punct(c),
            lower: raw.clone(),
            raw,
            start: off(i),
            end: off(i + 1),
        });
        i += 1;
    }
    merge(out)
}

/// `2026-06-30`, `06/30/2026` (month first unless the first number is > 12).
fn date_at(chars: &[(usize, char)], i: usize, text: &str) -> Option<(Token, usize)> {
    let mut parts: Vec<u32> = Vec::new();
    let mut lens: Vec<usize> = Vec::new();
    let mut sep = None;
    let mut j = i;
    loop {
        let s = j;
        while j < chars.len() && chars[j].1.is_ascii_digit() && j - s < 5 {
            j += 1;
        }
        if j == s {
            return None;
        }
        let v: String = chars[s..j].iter().map(|&(_, c)| c).collect();
        parts.push(v.parse().ok()?);
        lens.push(j - s);
        if parts.len() == 3 {
            break;
        }
        match chars.get(j).map(|&(_, c)| c) {
            Some(c @ ('-' | '/')) if sep.is_none_or(|p| p == c) => {
                sep = Some(c);
                j += 1;
            }
            _ => return None,
        }
    }
    if chars.get(j).is_some_and(|&(_, c)| c.is_ascii_digit()) {
        return None;
    }
    let date = match (sep?, lens.as_slice()) {
        ('-', [4, 1..=2, 1..=2]) => NaiveDate::from_ymd_opt(parts[0] as i32, parts[1], parts[2]),
        ('/', [4, 1..=2, 1..=2]) => NaiveDate::from_ymd_opt(parts[0] as i32, parts[1], parts[2]),
        ('/', [1..=2, 1..=2, 2 | 4]) => {
            let year = if lens[2] == 2 {
                2000 + parts[2] as i32
            } else {
                parts[2] as i32
            };
            let (m, d) = if parts[0] > 12 {
                (parts[1], parts[0])
            } else {
                (parts[0], parts[1])
            };
            NaiveDate::from_ymd_opt(year, m, d)
        }
        _ => None,
    }?;
    let start = chars[i].0;
    let end = chars.get(j).map_or(text.len(), |&(o, _)| o);
    let raw = text[start..end].to_owned();
    Some((
        Token {
            kind: Kind::Date(date),
            lower: raw.clone(),
            raw,
            start,
            end,
        },
        j,
    ))
}

/// Joins a number with what follows it: `2 million`, `25 %`, `25 percent`,
/// `500 USD`, and a lone currency symbol with the number after it.
fn merge(tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut it = tokens.into_iter().peekable();
    while let Some(mut t) = it.next() {
        // "$ 2M", "USD 2M"
        if let Kind::Punct(c) = t.kind {
            if let Some(code) = currency_symbol(c) {
                if let Some(next) = it.peek() {
                    if let Kind::Number(mut n) = next.kind {
                        if n.currency.is_none() && !n.spelled {
                            n.currency = Some(code);
                            n.plain = false;
                            let next = it.next().unwrap_or_else(|| t.clone());
                            t = Token {
                                kind: Kind::Number(n),
                                lower: format!("{}{}", t.raw, next.raw),
                                raw: format!("{}{}", t.raw, next.raw),
                                start: t.start,
                                end: next.end,
                            };
                        }
                    }
                }
            }
        }
        if let Kind::Number(mut n) = t.kind {
            while let Some(next) = it.peek() {
                let lower = next.lower.as_str();
                let mut take = false;
                if let Some(m) = multiplier(lower).filter(|_| lower.len() > 2 || lower == "bn") {
                    n.value = scale(n.value, m);
                    n.plain = false;
                    take = true;
                } else if (next.is_punct('%') || lower == "percent" || lower == "pct") && !n.percent
                {
                    n.percent = true;
                    n.plain = false;
                    take = true;
                } else if let Some(code) = currency_word(lower).filter(|_| n.currency.is_none()) {
                    n.currency = Some(code);
                    n.plain = false;
                    take = true;
                } else if lower == "per" && !n.percent {
                    // "per cent"
                    let mut look = it.clone();
                    look.next();
                    if look.peek().is_some_and(|w| w.lower == "cent") {
                        let first = it.next();
                        let second = it.next();
                        if let (Some(_), Some(cent)) = (first, second) {
                            n.percent = true;
                            n.plain = false;
                            t.end = cent.end;
                        }
                        continue;
                    }
                }
                if !take || !n.value.is_finite() {
                    break;
                }
                if let Some(next) = it.next() {
                    t.end = next.end;
                }
            }
            if !n.value.is_finite() {
                t.kind = Kind::Word;
            } else {
                t.kind = Kind::Number(n);
            }
        }
        // "USD 2M": a currency code word before a number.
        if let Kind::Number(mut n) = t.kind {
            if n.currency.is_none() && !n.spelled {
                if let Some(prev) = out.last() {
                    if let Some(code) = currency_word(&prev.lower).filter(|c| c.len() == 3) {
                        if prev.lower.len() == 3 {
                            n.currency = Some(code);
                            n.plain = false;
                            t.start = prev.start;
                            t.kind = Kind::Number(n);
                            out.pop();
                        }
                    }
                }
            }
        }
        out.push(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(s: &str) -> Vec<f64> {
        tokenize(s)
            .iter()
            .filter_map(|t| t.num())
            .map(|n| n.value)
            .collect()
    }

    #[test]
    fn numbers_expand() {
        assert_eq!(
            nums("$2M 1.5k 1,200 two 2 million 3bn"),
            vec![2e6, 1500.0, 1200.0, 2.0, 2e6, 3e9]
        );
        let t = tokenize("by 25 % and 99.9% and €40k and 30 percent");
        let ns: Vec<Num> = t.iter().filter_map(Token::num).collect();
        assert!(ns[0].percent && ns[1].percent && ns[3].percent);
        assert_eq!(ns[2].currency, Some("EUR"));
        assert_eq!(ns[2].value, 40_000.0);
    }

    #[test]
    fn dates_and_words() {
        let t = tokenize("by 2026-06-30 or 06/30/2026, bi-weekly Q3");
        assert!(matches!(t[1].kind, Kind::Date(_)));
        assert!(matches!(t[3].kind, Kind::Date(_)));
        assert!(t.iter().any(|x| x.lower == "bi-weekly"));
        assert!(t.iter().any(|x| x.lower == "q3"));
        assert_eq!(nums("June 30, 2026"), vec![30.0, 2026.0]);
    }
}
