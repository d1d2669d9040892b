//! Regroups cbindgen's output into the manual's sections.
//!
//! cbindgen writes every constant, then every enum, typedef and struct, then
//! every function, so a reader looking up ferrex_iter found its typedef
//! hundreds of lines above its functions. `arrange` moves each item (one
//! declaration with its doc comment, exactly as cbindgen wrote it) under the
//! section that sections.rs assigns it, and changes nothing else: no
//! declaration's text, no doc comment, the prologue (header comment, include
//! guard, includes) and the epilogue stay as they are.
//!
//! It relies on the shape of cbindgen's output with capi/cbindgen.toml:
//! items are separated by one blank line and contain none, a doc comment
//! (`/**` ... ` */`) directly precedes its declaration, and an enum's
//! `#ifndef __cplusplus` typedef block follows its `};` with no blank line.
//! What does not fit that shape fails loudly rather than being guessed at.
//!
//! C++: cbindgen opens `extern "C" {` just before the first function. The
//! sections interleave types and functions, so the block is opened once
//! after the includes and closed once at the end instead: in C++ an
//! `extern "C"` block gives C linkage to the functions and leaves types,
//! enums (their `: int32_t` bases included) and macros as they are.

use std::collections::BTreeSet;

use crate::sections::Section;

/// cbindgen's `extern "C"` guards, each a whole blank-line-separated block.
const EXTERN_C_OPEN: &str = "#ifdef __cplusplus\nextern \"C\" {\n#endif // __cplusplus";
const EXTERN_C_CLOSE: &str = "#ifdef __cplusplus\n}  // extern \"C\"\n#endif  // __cplusplus";

/// One declaration of the header with its doc comment.
#[derive(Clone, Debug)]
struct Item {
    /// The name it declares (a macro, type, enum, callback or function).
    name: String,
    /// Functions may be declared in any order; every other item must come
    /// before the items that use it.
    is_function: bool,
    /// The text as cbindgen wrote it, without the separating blank lines.
    text: String,
}

/// The header cbindgen generated (`generated`), with its items regrouped
/// into `sections`, each opened by a section comment, after a contents
/// list. Errors name what does not fit: an item no section places, a table
/// entry that places nothing, an item used before its section declares it.
pub fn arrange(generated: &str, sections: &[Section]) -> Result<String, String> {
    let blocks: Vec<&str> = generated.split("\n\n").collect();
    let includes = blocks
        .iter()
        .rposition(|b| b.lines().any(|l| l.starts_with("#include")))
        .ok_or("cbindgen's output has no #include block")?;
    let close = position_of(&blocks, EXTERN_C_CLOSE)?;
    position_of(&blocks, EXTERN_C_OPEN)?;
    let items = blocks[includes + 1..close]
        .iter()
        .filter(|b| **b != EXTERN_C_OPEN)
        .map(|b| parse_item(b))
        .collect::<Result<Vec<Item>, String>>()?;

    let placed = place(&items, sections)?;
    check_declared_before_use(&placed)?;
    check_each_item_once(&items, &placed)?;

    let mut out: Vec<String> = blocks[..=includes].iter().map(|b| b.to_string()).collect();
    out.push(EXTERN_C_OPEN.to_string());
    out.push(contents(sections));
    for (number, (section, items)) in sections.iter().zip(&placed).enumerate() {
        out.push(section_comment(number + 1, section));
        out.extend(items.iter().map(|item| item.text.clone()));
    }
    out.extend(blocks[close..].iter().map(|b| b.to_string()));
    Ok(out.join("\n\n"))
}

/// The index of the one block that is exactly `block`.
fn position_of(blocks: &[&str], block: &str) -> Result<usize, String> {
    let at: Vec<usize> = (0..blocks.len()).filter(|&i| blocks[i] == block).collect();
    match at[..] {
        [i] => Ok(i),
        _ => Err(format!("cbindgen's output has {} blocks `{}`, expected one", at.len(), block.replace('\n', " "))),
    }
}

/// Splits off the doc comment and reads the declared name from the code.
fn parse_item(text: &str) -> Result<Item, String> {
    let code = match text.starts_with("/**") {
        true => text.split_once("\n */\n").map(|(_, code)| code).ok_or_else(|| unexpected(text))?,
        false => text,
    };
    let word_after = |prefix: &str| code.strip_prefix(prefix).map(first_identifier);
    let (name, is_function) = if let Some(name) = word_after("#define ") {
        (name, false)
    } else if let Some(name) = word_after("enum ").or_else(|| word_after("typedef struct ")) {
        (name, false)
    } else if let Some((_, rest)) = code.split_once("(*").filter(|_| code.starts_with("typedef ")) {
        (first_identifier(rest), false)
    } else if let Some((head, _)) = code.split_once('(').filter(|_| !code.starts_with('#')) {
        (last_identifier(head), true)
    } else {
        return Err(unexpected(text));
    };
    if !name.starts_with("ferrex_") && !name.starts_with("FERREX_") {
        return Err(unexpected(text));
    }
    Ok(Item { name: name.to_string(), is_function, text: text.to_string() })
}

fn unexpected(text: &str) -> String {
    format!("cbindgen wrote a block capi/tests/header/layout.rs cannot read as one item:\n{text}")
}

fn is_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn first_identifier(s: &str) -> &str {
    let s = s.trim_start();
    &s[..s.find(|c| !is_identifier_char(c)).unwrap_or(s.len())]
}

fn last_identifier(s: &str) -> &str {
    let s = s.trim_end();
    &s[s.rfind(|c| !is_identifier_char(c)).map_or(0, |i| i + 1)..]
}

/// How specifically a table entry matches a name: an exact name beats any
/// prefix, a longer prefix a shorter one. Entries ending in `_` are
/// prefixes, all others exact names.
fn specificity(entry: &str, name: &str) -> Option<(bool, usize)> {
    if entry == name {
        Some((true, entry.len()))
    } else if entry.ends_with('_') && name.starts_with(entry) {
        Some((false, entry.len()))
    } else {
        None
    }
}

/// Each section's items: each item goes to the section of its most
/// specific entry; within a section, items follow the order of their
/// entries, and items of one prefix entry keep cbindgen's (source) order.
fn place(items: &[Item], sections: &[Section]) -> Result<Vec<Vec<Item>>, String> {
    let entries: Vec<(usize, usize, &str)> = sections
        .iter()
        .enumerate()
        .flat_map(|(s, section)| section.entries.iter().enumerate().map(move |(e, entry)| (s, e, *entry)))
        .collect();
    let mut problems = Vec::new();
    for (i, (_, _, entry)) in entries.iter().enumerate() {
        if entries[..i].iter().any(|(_, _, other)| other == entry) {
            problems.push(format!("the entry \"{entry}\" appears twice in SECTIONS"));
        }
    }
    let mut keyed: Vec<Vec<(usize, usize, Item)>> = vec![Vec::new(); sections.len()];
    let mut used = vec![false; entries.len()];
    for (order, item) in items.iter().enumerate() {
        let best = (0..entries.len()).filter_map(|i| specificity(entries[i].2, &item.name).map(|how| (how, i))).max();
        match best {
            Some((_, i)) => {
                used[i] = true;
                let (section, entry, _) = entries[i];
                keyed[section].push((entry, order, item.clone()));
            }
            None => problems.push(format!(
                "no section places {}: add its name, or a prefix ending in `_`, to a section",
                item.name
            )),
        }
    }
    for (i, (section, _, entry)) in entries.iter().enumerate() {
        if !used[i] {
            problems.push(format!("the entry \"{entry}\" of section \"{}\" places no item", sections[*section].title));
        }
    }
    if !problems.is_empty() {
        return Err(format!(
            "include/ferrex.h: the section table (capi/tests/header/sections.rs) does not fit the C API:\n  {}",
            problems.join("\n  ")
        ));
    }
    Ok(keyed
        .into_iter()
        .map(|mut items| {
            items.sort_by_key(|(entry, order, _)| (*entry, *order));
            items.into_iter().map(|(_, _, item)| item).collect()
        })
        .collect())
}

/// C needs a type declared before a declaration uses it (a `struct
/// ferrex_X *` parameter before it would declare a new struct, local to
/// the prototype), and readers of the manual want it too; macros are
/// checked the same way, for tools that evaluate the header top down.
fn check_declared_before_use(placed: &[Vec<Item>]) -> Result<(), String> {
    let ordered: Vec<&Item> = placed.iter().flatten().collect();
    let declarations: BTreeSet<&str> = ordered.iter().filter(|i| !i.is_function).map(|i| i.name.as_str()).collect();
    let mut seen = BTreeSet::new();
    let mut problems = BTreeSet::new();
    for item in &ordered {
        let code = strip_comments(&item.text);
        for word in code.split(|c| !is_identifier_char(c)) {
            if word != item.name && declarations.contains(word) && !seen.contains(word) {
                problems.insert(format!("{} uses {word}, which comes after it", item.name));
            }
        }
        seen.insert(item.name.as_str());
    }
    match problems.is_empty() {
        true => Ok(()),
        false => Err(format!(
            "include/ferrex.h: reorder the sections or entries of capi/tests/header/sections.rs:\n  {}",
            problems.into_iter().collect::<Vec<_>>().join("\n  ")
        )),
    }
}

/// The text with its `/* */` and `//` comments removed (doc comments
/// mention names that the code does not use).
fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("/*").into_iter().chain(rest.find("//")).min() {
        out.push_str(&rest[..at]);
        rest = match rest[at..].starts_with("/*") {
            true => rest[at..].split_once("*/").map_or("", |(_, after)| after),
            false => rest[at..].split_once('\n').map_or("", |(_, after)| after),
        };
    }
    out + rest
}

/// Regrouping only moves items: the same texts go out as came in.
fn check_each_item_once(items: &[Item], placed: &[Vec<Item>]) -> Result<(), String> {
    let mut before: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
    let mut after: Vec<&str> = placed.iter().flatten().map(|i| i.text.as_str()).collect();
    before.sort_unstable();
    after.sort_unstable();
    match before == after {
        true => Ok(()),
        false => Err("include/ferrex.h: regrouping lost or duplicated a declaration".to_string()),
    }
}

/// The list of sections, first after the includes.
fn contents(sections: &[Section]) -> String {
    let mut out = String::from("/*\n * CONTENTS\n *\n");
    for (number, section) in sections.iter().enumerate() {
        out.push_str(&format!(" * {:>2}. {}\n", number + 1, section.title));
    }
    out.push_str(" */");
    out
}

/// A section's opening comment: its number and title, then its intro.
/// A plain `/*` comment, not `/**`, so that documentation tools do not
/// attach it to the declaration that follows.
fn section_comment(number: usize, section: &Section) -> String {
    let rule = "=".repeat(74);
    let mut out = format!("/* {rule}\n * {number}. {}\n * {rule}\n *\n", section.title.to_uppercase());
    for line in section.intro.trim().lines() {
        match line.trim_end() {
            "" => out.push_str(" *\n"),
            text => out.push_str(&format!(" * {text}\n")),
        }
    }
    out.push_str(" */");
    out
}

#[cfg(test)]
mod tests {
    use super::arrange;
    use crate::sections::{Section, SECTIONS};

    /// A header in the shape cbindgen writes: a typedef, then the
    /// `extern "C"` block with two functions.
    const GENERATED: &str = "/* top */

#ifndef FERREX_H
#define FERREX_H

#include <stdint.h>

/**
 * A thing.
 */
typedef struct ferrex_thing ferrex_thing;

#ifdef __cplusplus
extern \"C\" {
#endif // __cplusplus

/**
 * Frees a thing.
 */
void ferrex_thing_free(struct ferrex_thing *thing);

/**
 * Makes a stream of a thing.
 */
int32_t ferrex_stream_new(const struct ferrex_thing *thing);

#ifdef __cplusplus
}  // extern \"C\"
#endif  // __cplusplus

#endif  /* FERREX_H */
";

    const THING: &str = "/**\n * A thing.\n */\ntypedef struct ferrex_thing ferrex_thing;";
    const FREE: &str = "/**\n * Frees a thing.\n */\nvoid ferrex_thing_free(struct ferrex_thing *thing);";
    const STREAM: &str =
        "/**\n * Makes a stream of a thing.\n */\nint32_t ferrex_stream_new(const struct ferrex_thing *thing);";

    fn section(title: &'static str, entries: &'static [&'static str]) -> Section {
        Section { title, intro: "What it is.\n\nWho may use it.", entries }
    }

    #[test]
    fn items_move_whole_under_their_sections_inside_one_extern_c_block() {
        let sections = [section("Things", &["ferrex_thing", "ferrex_thing_"]), section("Streams", &["ferrex_stream_"])];
        let header = arrange(GENERATED, &sections).unwrap();
        // Every item once, with its doc comment, in section order.
        for item in [THING, FREE, STREAM] {
            assert_eq!(header.matches(item).count(), 1, "{item}\nin\n{header}");
        }
        let at = |text: &str| header.find(text).unwrap_or_else(|| panic!("no {text:?} in\n{header}"));
        assert!(at("#include <stdint.h>") < at("extern \"C\" {"));
        assert!(at("extern \"C\" {") < at(" * CONTENTS\n *\n *  1. Things\n *  2. Streams\n */"));
        assert!(at(" *  2. Streams") < at(" * 1. THINGS\n"));
        assert!(at(" * 1. THINGS\n") < at(THING) && at(THING) < at(FREE));
        assert!(at(FREE) < at(" * 2. STREAMS\n") && at(" * 2. STREAMS\n") < at(STREAM));
        assert!(at(STREAM) < at("}  // extern \"C\"") && at("}  // extern \"C\"") < at("#endif  /* FERREX_H */"));
        assert!(
            header.contains(" * 1. THINGS\n * ====")
                && header.contains(" *\n * What it is.\n *\n * Who may use it.\n */")
        );
        assert_eq!(header.matches("extern \"C\"").count(), 2, "one block, opened and closed once");
        assert!(header.starts_with("/* top */\n\n#ifndef FERREX_H\n") && header.ends_with("#endif  /* FERREX_H */\n"));
    }

    #[test]
    fn an_item_no_entry_places_fails_naming_it() {
        let sections = [section("Things", &["ferrex_thing", "ferrex_thing_"])];
        let error = arrange(GENERATED, &sections).unwrap_err();
        assert!(error.contains("no section places ferrex_stream_new"), "{error}");
        assert!(error.contains("capi/tests/header/sections.rs"), "{error}");
    }

    #[test]
    fn an_entry_that_places_nothing_fails() {
        let sections = [section("Things", &["ferrex_thing", "ferrex_thing_", "ferrex_stream_", "ferrex_gone"])];
        let error = arrange(GENERATED, &sections).unwrap_err();
        assert!(error.contains("\"ferrex_gone\" of section \"Things\" places no item"), "{error}");
    }

    #[test]
    fn an_entry_given_twice_fails() {
        let sections = [section("Things", &["ferrex_thing", "ferrex_thing_"]), section("Again", &["ferrex_thing_"])];
        let error = arrange(GENERATED, &sections).unwrap_err();
        assert!(error.contains("\"ferrex_thing_\" appears twice"), "{error}");
    }

    #[test]
    fn an_exact_name_beats_a_prefix_and_a_longer_prefix_a_shorter_one() {
        let sections = [section("Things", &["ferrex_thing", "ferrex_"]), section("Freeing", &["ferrex_thing_"])];
        let header = arrange(GENERATED, &sections).unwrap();
        let at = |text: &str| header.find(text).unwrap();
        assert!(at(" * 1. THINGS\n") < at(THING) && at(THING) < at(STREAM) && at(STREAM) < at(" * 2. FREEING\n"));
        assert!(at(" * 2. FREEING\n") < at(FREE));
    }

    #[test]
    fn a_use_before_the_declaration_fails() {
        let sections =
            [section("Functions", &["ferrex_thing_", "ferrex_stream_"]), section("Types", &["ferrex_thing"])];
        let error = arrange(GENERATED, &sections).unwrap_err();
        assert!(error.contains("ferrex_thing_free uses ferrex_thing, which comes after it"), "{error}");
        assert!(error.contains("ferrex_stream_new uses ferrex_thing"), "{error}");
    }

    #[test]
    fn output_of_another_shape_fails() {
        let error = arrange(&GENERATED.replace("#include <stdint.h>", "#pragma once"), SECTIONS).unwrap_err();
        assert!(error.contains("no #include block"), "{error}");
        let open = "#ifdef __cplusplus\nextern \"C\" {\n#endif // __cplusplus\n\n";
        let twice = GENERATED.replace("#ifdef __cplusplus\n}", &format!("{open}#ifdef __cplusplus\n}}"));
        let error = arrange(&twice, SECTIONS).unwrap_err();
        assert!(error.contains("has 2 blocks `#ifdef __cplusplus extern \"C\" {"), "{error}");
    }

    /// The header's comments stay within 80 columns: " * " and the line.
    #[test]
    fn section_intros_fit_the_header_width() {
        for section in SECTIONS {
            for line in section.intro.lines() {
                assert!(line.len() <= 76, "section \"{}\": a line of {} characters: {line}", section.title, line.len());
            }
        }
    }
}
