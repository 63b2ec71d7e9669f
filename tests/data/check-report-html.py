#!/usr/bin/env python3
# check-report-html.py — is a Preflight HTML report well-formed, self-contained and inert?
#
# Usage: check-report-html.py FILE [--expect-text TEXT]...
#
# Parses FILE with python3's html.parser and prints one line per problem:
#   - the document starts with <!DOCTYPE html>, has <html lang>, a UTF-8
#     charset, exactly one <title>, a Content-Security-Policy that forbids
#     everything but inline style;
#   - every element that is not void is closed, in order, and nothing is
#     closed that was not open;
#   - no element that runs or loads something (script, img, iframe, link,
#     …), no on* attribute, no src, no href but "#id" links to ids that
#     exist, no url(), @import or http(s):// or // anywhere in CSS or
#     attribute values; ids are unique;
#   - each TEXT given with --expect-text is found, unchanged, in the data
#     (entities decoded) of one text node: escaped text reads back as it
#     was, and markup in it never became elements.
# Exit status 0 when there are no problems, 1 otherwise, 2 on usage errors.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
FORBIDDEN = {"script", "img", "iframe", "frame", "frameset", "object", "embed", "applet",
             "link", "base", "form", "input", "button", "svg", "math", "video", "audio",
             "source", "track", "picture", "canvas", "noscript", "template", "portal"}
URL_LIKE = re.compile(r"url\s*\(|@import|https?:|//|javascript:|data:", re.IGNORECASE)


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.errors = []
        self.stack = []
        self.texts = []
        self.ids = set()
        self.links = []
        self.titles = 0
        self.html_lang = None
        self.charset = False
        self.csp = None
        self.doctype = None
        self.first_thing = None

    def where(self):
        line, column = self.getpos()
        return f"line {line}, column {column + 1}"

    def error(self, message):
        self.errors.append(f"{self.where()}: {message}")

    def note_first(self, what):
        if self.first_thing is None:
            self.first_thing = what

    def handle_decl(self, decl):
        self.note_first("doctype")
        self.doctype = decl

    def check_attributes(self, tag, attrs):
        names = set()
        for name, value in attrs:
            if name in names:
                self.error(f"<{tag}> repeats the attribute {name}")
            names.add(name)
            if name.startswith("on"):
                self.error(f"<{tag}> has an event handler attribute {name}")
            if name in ("src", "srcset", "action", "formaction", "poster", "background", "xlink:href"):
                self.error(f"<{tag}> has a {name} attribute")
            if value is None:
                continue
            if name == "href":
                if not value.startswith("#") or len(value) < 2:
                    self.error(f"<{tag}> links outside the document: {value!r}")
                else:
                    self.links.append((self.where(), value[1:]))
            elif name == "id":
                if value in self.ids:
                    self.error(f"the id {value!r} is used twice")
                self.ids.add(value)
            elif name == "content" and tag == "meta":
                pass  # checked with the meta element
            elif URL_LIKE.search(value):
                self.error(f"<{tag} {name}> holds a URL: {value!r}")

    def handle_starttag(self, tag, attrs):
        self.note_first(f"<{tag}>")
        if tag in FORBIDDEN:
            self.error(f"forbidden element <{tag}>")
        self.check_attributes(tag, attrs)
        values = dict(attrs)
        if tag == "html":
            self.html_lang = values.get("lang")
        elif tag == "title":
            self.titles += 1
        elif tag == "meta":
            if (values.get("charset") or "").lower() == "utf-8":
                self.charset = True
            equiv = (values.get("http-equiv") or "").lower()
            if equiv == "content-security-policy":
                self.csp = values.get("content")
            elif equiv == "refresh":
                self.error("<meta http-equiv=refresh>")
            content = values.get("content") or ""
            if equiv != "content-security-policy" and URL_LIKE.search(content):
                self.error(f"<meta> content holds a URL: {content!r}")
        if tag not in VOID:
            self.stack.append((tag, self.where()))

    def handle_startendtag(self, tag, attrs):
        self.note_first(f"<{tag}>")
        if tag in FORBIDDEN:
            self.error(f"forbidden element <{tag}>")
        self.check_attributes(tag, attrs)
        if tag not in VOID:
            self.error(f"<{tag}/> is not a void element")

    def handle_endtag(self, tag):
        if tag in VOID:
            self.error(f"end tag </{tag}> for a void element")
            return
        if not self.stack:
            self.error(f"</{tag}> closes nothing")
            return
        open_tag, opened = self.stack[-1]
        if open_tag != tag:
            self.error(f"</{tag}> closes <{open_tag}> opened at {opened}")
            # Recover if the tag is open further down, so one slip is one error
            for i in range(len(self.stack) - 1, -1, -1):
                if self.stack[i][0] == tag:
                    del self.stack[i:]
                    break
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "style":
            if URL_LIKE.search(data):
                self.error("the stylesheet refers to something outside the document")
            if "</" in data:
                self.error("the stylesheet holds an end tag")
            return
        if data.strip():
            self.note_first("text")
        self.texts.append(data)

    def handle_comment(self, data):
        self.error("a comment (nothing in a report needs one)")

    def handle_pi(self, data):
        self.error(f"a processing instruction <?{data}>")

    def unknown_decl(self, data):
        self.error(f"an unknown declaration <!{data}>")

    def finish(self):
        self.close()
        for tag, opened in self.stack:
            self.errors.append(f"<{tag}> opened at {opened} is never closed")
        if self.first_thing != "doctype" or (self.doctype or "").lower() != "doctype html":
            self.errors.append("the document does not start with <!DOCTYPE html>")
        if not self.html_lang:
            self.errors.append("<html> has no lang")
        if not self.charset:
            self.errors.append('no <meta charset="utf-8">')
        if self.titles != 1:
            self.errors.append(f"{self.titles} <title> elements, not one")
        csp = re.sub(r"\s+", " ", (self.csp or "").strip().rstrip(";"))
        if "default-src 'none'" not in csp or any(
                part.strip() not in ("default-src 'none'", "style-src 'unsafe-inline'")
                for part in csp.split(";")):
            self.errors.append(f"no strict Content-Security-Policy (got {self.csp!r})")
        for where, target in self.links:
            if target not in self.ids:
                self.errors.append(f"{where}: the link to #{target} leads nowhere")


def main():
    parser = argparse.ArgumentParser(description="Check a Preflight HTML report")
    parser.add_argument("file")
    parser.add_argument("--expect-text", action="append", default=[],
                        help="text that one text node must hold, as is")
    args = parser.parse_args()

    with open(args.file, encoding="utf-8") as f:
        html = f.read()

    checker = Checker()
    checker.feed(html)
    checker.finish()

    for expected in args.expect_text:
        if not any(expected in text for text in checker.texts):
            checker.errors.append(f"no text node holds {expected!r}")

    for error in checker.errors:
        print(f"{args.file}: {error}")
    if checker.errors:
        return 1
    print(f"{args.file}: OK ({len(checker.texts)} text nodes, {len(checker.ids)} ids)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
