#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks a Markdown readiness report is safe to paste into a ticket.

Usage: check-report-markdown.py FILE [--table-rows-min N]

- code fences are balanced (CommonMark: a closing fence uses the opening
  character, at least as many of it, and nothing after it);
- outside fences and code spans there is no raw HTML tag that a ticket
  system could render (<script, <img, <iframe, <style, on*= attributes):
  hostile values must come out escaped (\\< or &lt;) or inside code;
- every pipe table has a delimiter row and every one of its rows has as
  many cells as its header (cells split on pipes not escaped with \\,
  pipes inside code spans count too, as in GitHub Flavored Markdown).

Prints one line per problem and exits 1 when there is any; prints the
number of tables and table rows checked otherwise.
"""

import re
import sys

FENCE = re.compile(r'^ {0,3}(`{3,}|~{3,})(.*)$')
DELIMITER_CELL = re.compile(r'^\s*:?-{1,}:?\s*$')
DANGEROUS = re.compile(r'<\s*/?\s*(script|img|iframe|style|object|embed|svg|a)\b'
                       r'|<[a-z][^>]*\son[a-z]+\s*=', re.IGNORECASE)


def strip_code_spans(line):
    """The line with the contents of `code spans` replaced by spaces"""
    out = []
    i = 0
    while i < len(line):
        if line[i] == '\\' and i + 1 < len(line):
            out.append(line[i:i + 2])
            i += 2
            continue
        if line[i] == '`':
            n = len(line[i:]) - len(line[i:].lstrip('`'))
            ticks = line[i:i + n]
            end = line.find(ticks, i + n)
            while end != -1 and end + n < len(line) and line[end + n] == '`':
                end = line.find(ticks, end + n + 1)
            if end == -1:
                out.append(ticks)
                i += n
                continue
            out.append(' ' * (end + n - i))
            i = end + n
            continue
        out.append(line[i])
        i += 1
    return ''.join(out)


def split_cells(line):
    """GFM: a row's cells, split on unescaped pipes, outer pipes optional"""
    cells = []
    current = []
    i = 0
    text = line.strip()
    while i < len(text):
        c = text[i]
        if c == '\\' and i + 1 < len(text):
            current.append(text[i:i + 2])
            i += 2
            continue
        if c == '|':
            cells.append(''.join(current))
            current = []
        else:
            current.append(c)
        i += 1
    cells.append(''.join(current))
    if text.startswith('|'):
        cells = cells[1:]
    if text.endswith('|') and not text.endswith('\\|') and len(text) > 1:
        cells = cells[:-1]
    return cells


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2

    with open(sys.argv[1], encoding='utf-8') as f:
        lines = f.read().split('\n')

    problems = []
    fence = None  # (char, length, line number)
    prose = []    # (line number, text) outside fences
    for number, line in enumerate(lines, 1):
        match = FENCE.match(line)
        if fence is None:
            if match:
                marker = match.group(1)
                if marker[0] == '`' and '`' in match.group(2):
                    problems.append(f'{number}: a backtick fence with a backtick in its info string')
                fence = (marker[0], len(marker), number)
                continue
            prose.append((number, line))
        else:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= fence[1] \
               and match.group(2).strip() == '':
                fence = None
    if fence is not None:
        problems.append(f'{fence[2]}: a code fence is never closed')

    for number, line in prose:
        bare = strip_code_spans(line)
        # Escaped angle brackets are text
        bare = bare.replace('\\<', '  ')
        match = DANGEROUS.search(bare)
        if match:
            problems.append(f'{number}: raw HTML outside code: {match.group(0)!r} in {line!r}')

    # Pipe tables: a header row, a delimiter row, then rows until a line
    # without a pipe
    n_tables = n_rows = 0
    i = 0
    while i < len(prose) - 1:
        number, line = prose[i]
        next_number, next_line = prose[i + 1]
        if '|' in line and next_number == number + 1 and '-' in next_line and \
           all(DELIMITER_CELL.match(c) for c in split_cells(next_line)):
            header = split_cells(line)
            delimiter = split_cells(next_line)
            n_tables += 1
            if len(delimiter) != len(header):
                problems.append(f'{next_number}: the delimiter row has {len(delimiter)} cells, '
                                f'the header {len(header)}')
            j = i + 2
            while j < len(prose) and prose[j][0] == prose[j - 1][0] + 1 and \
                    prose[j][1].strip() != '' and '|' in prose[j][1]:
                cells = split_cells(prose[j][1])
                n_rows += 1
                if len(cells) != len(header):
                    problems.append(f'{prose[j][0]}: {len(cells)} cells where the header has '
                                    f'{len(header)}: {prose[j][1]!r}')
                j += 1
            i = j
            continue
        i += 1

    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f'{n_tables} tables, {n_rows} rows')
    return 0


if __name__ == '__main__':
    sys.exit(main())
