/* pf-python-parser.c — reads the Python subset Django writes, without running it
 *
 * Copyright 2026 The Preflight authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two passes. The tokenizer turns the whole file into tokens the way
 * Python's does: strings of every quoting style are decoded, comments and
 * backslash continuations vanish, newlines inside brackets are ignored and
 * every bracket knows its partner (so an unbalanced file fails early and the
 * parser can jump over a comprehension). The recursive-descent parser then
 * reads statements and expressions. It knows the whole expression grammar
 * only well enough to find where an expression ends: anything that is not a
 * literal, a display, a dotted name or a call is kept as its source text.
 */

#define G_LOG_DOMAIN "pf-python-parser"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pf-python-parser.h"

/* Bracket nesting and expression recursion: far above what Django writes,
 * far below what would exhaust a worker thread's stack. */
#define MAX_DEPTH 200

typedef enum {
  TOK_NAME,
  TOK_NUMBER,
  TOK_STRING,
  TOK_OP,
  TOK_NEWLINE,
  TOK_EOF,
} TokenKind;

enum {
  STR_BYTES  = 1 << 0,
  STR_FORMAT = 1 << 1,
  STR_RAW    = 1 << 2,
};

typedef struct
{
  TokenKind  kind;
  guint      line;
  int        indent;   /* column of a logical line's first token, else -1 */
  gsize      start;
  gsize      end;
  char       op[4];
  char      *text;     /* TOK_STRING: the decoded value */
  guint      flags;
  guint      match;    /* brackets: index of the partner */
} Token;

typedef struct
{
  const char *source;
  gsize       length;
  GArray     *tokens;
  guint       pos;
  guint       depth;
} Parser;

static const char * const keywords[] = {
  "False", "None", "True", "and", "as", "assert", "async", "await", "break",
  "class", "continue", "def", "del", "elif", "else", "except", "finally",
  "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
  "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
};

/* Starts of compound statements: their one-line bodies are not class attributes */
static const char * const compound_keywords[] = {
  "if", "elif", "else", "for", "while", "def", "class", "with", "try",
  "except", "finally", "async",
};

static void
token_clear (gpointer data)
{
  Token *token = data;

  g_clear_pointer (&token->text, g_free);
}

static void
parser_clear (Parser *p)
{
  g_clear_pointer (&p->tokens, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Parser, parser_clear)

static gboolean
str_in (const char         *word,
        const char * const *list,
        gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (word, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
fail (GError     **error,
      guint        line,
      const char  *what)
{
  /* "line N:" stays out of the translation: callers read the number back */
  g_set_error (error, PF_MIGRATION_ERROR, PF_MIGRATION_ERROR_UNPARSABLE,
               "line %u: %s", line, what);
  return FALSE;
}

/* ---- tokenizer ---------------------------------------------------------- */

static inline gboolean
is_ident_start (guchar c)
{
  return g_ascii_isalpha (c) || c == '_' || c >= 0x80;
}

static inline gboolean
is_ident_char (guchar c)
{
  return is_ident_start (c) || g_ascii_isdigit (c);
}

/* Length of a newline at @i (\n, \r\n or \r), 0 if none */
static inline gsize
newline_at (const char *s,
            gsize       n,
            gsize       i)
{
  if (i >= n)
    return 0;
  if (s[i] == '\n')
    return 1;
  if (s[i] == '\r')
    return (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
  return 0;
}

static gsize
hex_value (const char *s,
           gsize       n,
           gsize       i,
           guint       digits,
           gunichar   *value)
{
  gunichar v = 0;

  for (guint k = 0; k < digits; k++)
    {
      if (i + k >= n || !g_ascii_isxdigit (s[i + k]))
        return 0;
      v = v * 16 + g_ascii_xdigit_value (s[i + k]);
    }
  *value = v;
  return digits;
}

static void
append_code_point (GString  *out,
                   gunichar  c,
                   gboolean  bytes)
{
  /* JSON strings are UTF-8: a byte above 0x7f of a bytes literal is kept
   * as the code point of the same value (Latin-1), a lone surrogate as
   * U+FFFD. */
  if (bytes)
    c &= 0xff;
  if (c == 0)
    g_string_append_unichar (out, 0xfffd); /* C strings cannot hold NUL */
  else if (c < 0x80)
    g_string_append_c (out, (char) c);
  else if ((c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
    g_string_append_unichar (out, 0xfffd);
  else
    g_string_append_unichar (out, c);
}

/* Decodes the body of a string literal (between the quotes) */
static gboolean
decode_string (const char  *s,
               gsize        start,
               gsize        end,
               guint        flags,
               guint        line,
               GString     *out,
               GError     **error)
{
  gboolean bytes = (flags & STR_BYTES) != 0;
  gsize i = start;

  while (i < end)
    {
      gsize nl = newline_at (s, end, i);
      gunichar value;
      char c;

      /* Python reads \r\n and \r in the source as \n */
      if (nl > 0)
        {
          g_string_append_c (out, '\n');
          i += nl;
          line++;
          continue;
        }

      if (s[i] != '\\' || i + 1 >= end)
        {
          g_string_append_c (out, s[i++]);
          continue;
        }

      if (flags & STR_RAW)
        {
          /* A raw string keeps the backslash; it only stops the quote from
           * ending the string. */
          g_string_append_c (out, '\\');
          i++;
          continue;
        }

      c = s[i + 1];
      nl = newline_at (s, end, i + 1);
      if (nl > 0)
        {
          /* backslash-newline inside a string: a continuation */
          i += 1 + nl;
          line++;
          continue;
        }

      i += 2;
      switch (c)
        {
        case '\\': g_string_append_c (out, '\\'); break;
        case '\'': g_string_append_c (out, '\''); break;
        case '"': g_string_append_c (out, '"'); break;
        case 'a': g_string_append_c (out, '\a'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'v': g_string_append_c (out, '\v'); break;

        case '0': case '1': case '2': case '3':
        case '4': case '5': case '6': case '7':
          value = c - '0';
          for (guint k = 0; k < 2 && i < end && s[i] >= '0' && s[i] <= '7'; k++)
            value = value * 8 + (s[i++] - '0');
          append_code_point (out, value, bytes);
          break;

        case 'x':
          if (hex_value (s, end, i, 2, &value) == 0)
            return fail (error, line, _("invalid \\x escape in a string"));
          i += 2;
          append_code_point (out, value, bytes);
          break;

        case 'u':
        case 'U':
          if (bytes)
            {
              /* not an escape in bytes: kept as written */
              g_string_append_c (out, '\\');
              g_string_append_c (out, c);
              break;
            }
          if (hex_value (s, end, i, c == 'u' ? 4 : 8, &value) == 0 || value > 0x10ffff)
            return fail (error, line, _("invalid \\u escape in a string"));
          i += c == 'u' ? 4 : 8;
          append_code_point (out, value, FALSE);
          break;

        default:
          /* Unknown escapes (and \N{…}, whose names would need Python's
           * Unicode database) are kept as written, as Python keeps them. */
          g_string_append_c (out, '\\');
          i--;
          break;
        }
    }

  return TRUE;
}

static gboolean
string_prefix (const char *s,
               gsize       n,
               gsize       i,
               gsize      *prefix_len,
               guint      *flags)
{
  guint f = 0;
  gsize k;

  for (k = 0; k < 3 && i + k < n; k++)
    {
      char c = g_ascii_tolower (s[i + k]);

      if (s[i + k] == '\'' || s[i + k] == '"')
        break;
      if (c == 'r' && !(f & STR_RAW))
        f |= STR_RAW;
      else if (c == 'b' && !(f & (STR_BYTES | STR_FORMAT)))
        f |= STR_BYTES;
      else if (c == 'f' && !(f & (STR_BYTES | STR_FORMAT)))
        f |= STR_FORMAT;
      else if (c == 'u' && k == 0 && i + 1 < n && (s[i + 1] == '\'' || s[i + 1] == '"'))
        ;
      else
        return FALSE;
    }

  if (k == 0 || i + k >= n || (s[i + k] != '\'' && s[i + k] != '"'))
    return FALSE;

  *prefix_len = k;
  *flags = f;
  return TRUE;
}

static gboolean
lex_string (Parser  *p,
            gsize   *pos,
            guint   *line,
            guint    flags,
            Token   *token,
            GError **error)
{
  const char *s = p->source;
  gsize n = p->length;
  gsize i = *pos;
  char quote = s[i];
  gboolean triple = i + 2 < n && s[i + 1] == quote && s[i + 2] == quote;
  guint start_line = *line;
  gsize body_start;
  gsize body_end;

  i += triple ? 3 : 1;
  body_start = i;

  for (;;)
    {
      gsize nl;

      if (i >= n)
        return fail (error, start_line,
                     triple ? _("unterminated triple-quoted string")
                            : _("unterminated string"));

      if (s[i] == '\\')
        {
          nl = newline_at (s, n, i + 1);
          if (nl > 0)
            {
              (*line)++;
              i += 1 + nl;
            }
          else
            i += 2;
          continue;
        }

      nl = newline_at (s, n, i);
      if (nl > 0)
        {
          if (!triple)
            return fail (error, start_line, _("unterminated string"));
          (*line)++;
          i += nl;
          continue;
        }

      if (s[i] == quote && (!triple || (i + 2 < n && s[i + 1] == quote && s[i + 2] == quote)))
        {
          body_end = i;
          i += triple ? 3 : 1;
          break;
        }

      i++;
    }

  token->kind = TOK_STRING;
  token->flags = flags;

  /* f-strings are expressions, not values: their text is all we keep */
  if (!(flags & STR_FORMAT))
    {
      g_autoptr(GString) out = g_string_new (NULL);

      if (!decode_string (s, body_start, body_end, flags, start_line, out, error))
        return FALSE;
      token->text = g_string_free (g_steal_pointer (&out), FALSE);
    }

  *pos = i;
  return TRUE;
}

static gboolean
lex_number (Parser  *p,
            gsize   *pos,
            guint    line,
            GError **error)
{
  const char *s = p->source;
  gsize n = p->length;
  gsize i = *pos;

  if (s[i] == '0' && i + 1 < n && strchr ("xXoObB", s[i + 1]) != NULL)
    {
      i += 2;
      while (i < n && (g_ascii_isxdigit (s[i]) || s[i] == '_'))
        i++;
    }
  else
    {
      while (i < n && (g_ascii_isdigit (s[i]) || s[i] == '_'))
        i++;
      if (i < n && s[i] == '.')
        {
          i++;
          while (i < n && (g_ascii_isdigit (s[i]) || s[i] == '_'))
            i++;
        }
      if (i < n && (s[i] == 'e' || s[i] == 'E'))
        {
          gsize k = i + 1;

          if (k < n && (s[k] == '+' || s[k] == '-'))
            k++;
          if (k < n && g_ascii_isdigit (s[k]))
            {
              i = k;
              while (i < n && (g_ascii_isdigit (s[i]) || s[i] == '_'))
                i++;
            }
        }
      if (i < n && (s[i] == 'j' || s[i] == 'J'))
        i++;
    }

  if (i < n && is_ident_char (s[i]))
    return fail (error, line, _("invalid number"));

  *pos = i;
  return TRUE;
}

static const char * const operators3[] = { "**=", "//=", ">>=", "<<=", "...", };
static const char * const operators2[] = {
  "**", "//", "==", "!=", "<=", ">=", "->", ":=", "<<", ">>", "+=", "-=",
  "*=", "/=", "%=", "&=", "|=", "^=", "@=",
};
static const char operators1[] = "+-*/%@&|^~<>()[]{},:.;=";

static gboolean
tokenize (Parser  *p,
          GError **error)
{
  const char *s = p->source;
  gsize n = p->length;
  gsize i = 0;
  guint line = 1;
  gboolean at_line_start = TRUE;
  int pending_indent = -1;
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));

  p->tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  g_array_set_clear_func (p->tokens, token_clear);

  /* A byte order mark is not part of the program */
  if (n >= 3 && memcmp (s, "\xef\xbb\xbf", 3) == 0)
    i = 3;

  for (;;)
    {
      Token token = { 0, };
      gsize nl;
      guchar c;

      if (at_line_start && stack->len == 0)
        {
          int col = 0;

          while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f'))
            {
              col = s[i] == '\t' ? (col / 8 + 1) * 8 : s[i] == '\f' ? 0 : col + 1;
              i++;
            }
          if (i < n && s[i] == '#')
            while (i < n && newline_at (s, n, i) == 0)
              i++;
          nl = newline_at (s, n, i);
          if (nl > 0)
            {
              /* blank and comment-only lines are not logical lines */
              i += nl;
              line++;
              continue;
            }
          if (i >= n)
            break;
          at_line_start = FALSE;
          pending_indent = col;
        }

      while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f'))
        i++;
      if (i >= n)
        break;

      c = s[i];

      if (c == '#')
        {
          while (i < n && newline_at (s, n, i) == 0)
            i++;
          continue;
        }

      nl = newline_at (s, n, i);
      if (nl > 0)
        {
          i += nl;
          if (stack->len == 0)
            {
              Token *last = p->tokens->len > 0
                ? &g_array_index (p->tokens, Token, p->tokens->len - 1) : NULL;

              if (last != NULL && last->kind != TOK_NEWLINE)
                {
                  token.kind = TOK_NEWLINE;
                  token.line = line;
                  token.indent = -1;
                  token.start = token.end = i - nl;
                  g_array_append_val (p->tokens, token);
                }
              at_line_start = TRUE;
            }
          line++;
          continue;
        }

      if (c == '\\')
        {
          nl = newline_at (s, n, i + 1);
          if (nl == 0)
            return fail (error, line, _("unexpected character “\\”"));
          /* an explicit line continuation */
          i += 1 + nl;
          line++;
          continue;
        }

      token.line = line;
      token.start = i;
      token.indent = pending_indent;
      pending_indent = -1;

      {
        gsize prefix_len = 0;
        guint flags = 0;

        if (c == '\'' || c == '"' || string_prefix (s, n, i, &prefix_len, &flags))
          {
            i += prefix_len;
            if (!lex_string (p, &i, &line, flags, &token, error))
              return FALSE;
            token.end = i;
            g_array_append_val (p->tokens, token);
            continue;
          }
      }

      if (is_ident_start (c))
        {
          while (i < n && is_ident_char (s[i]))
            i++;
          token.kind = TOK_NAME;
        }
      else if (g_ascii_isdigit (c) || (c == '.' && i + 1 < n && g_ascii_isdigit (s[i + 1])))
        {
          if (!lex_number (p, &i, line, error))
            return FALSE;
          token.kind = TOK_NUMBER;
        }
      else
        {
          const char *op = NULL;

          for (guint k = 0; op == NULL && k < G_N_ELEMENTS (operators3); k++)
            if (i + 3 <= n && memcmp (s + i, operators3[k], 3) == 0)
              op = operators3[k];
          for (guint k = 0; op == NULL && k < G_N_ELEMENTS (operators2); k++)
            if (i + 2 <= n && memcmp (s + i, operators2[k], 2) == 0)
              op = operators2[k];

          token.kind = TOK_OP;
          if (op != NULL)
            {
              strcpy (token.op, op);
              i += strlen (op);
            }
          else if (c != '\0' && strchr (operators1, c) != NULL)
            {
              token.op[0] = c;
              i++;
            }
          else
            {
              g_autofree char *what = NULL;
              char ch[8] = { 0, };

              g_unichar_to_utf8 (g_utf8_get_char (s + i), ch);
              what = g_strdup_printf (_("unexpected character “%s”"), ch);
              return fail (error, line, what);
            }

          if (strchr ("([{", c) != NULL)
            {
              guint index = p->tokens->len;

              if (stack->len >= MAX_DEPTH)
                return fail (error, line, _("brackets nested too deeply"));
              g_array_append_val (stack, index);
            }
          else if (strchr (")]}", c) != NULL)
            {
              static const char pairs[] = "()[]{}";
              Token *opener;
              guint index;

              if (stack->len == 0)
                {
                  g_autofree char *what =
                    g_strdup_printf (_("unbalanced bracket: “%c” closes nothing"), c);
                  return fail (error, line, what);
                }
              index = g_array_index (stack, guint, stack->len - 1);
              opener = &g_array_index (p->tokens, Token, index);
              if (strchr (pairs, opener->op[0])[1] != c)
                {
                  g_autofree char *what =
                    g_strdup_printf (_("unbalanced bracket: “%c” does not close “%c” from line %u"),
                                     c, opener->op[0], opener->line);
                  return fail (error, line, what);
                }
              opener->match = p->tokens->len;
              token.match = index;
              g_array_set_size (stack, stack->len - 1);
            }
        }

      token.end = i;
      g_array_append_val (p->tokens, token);
    }

  if (stack->len > 0)
    {
      Token *opener = &g_array_index (p->tokens, Token,
                                      g_array_index (stack, guint, stack->len - 1));
      g_autofree char *what =
        g_strdup_printf (_("unbalanced bracket: “%c” is never closed"), opener->op[0]);

      return fail (error, opener->line, what);
    }

  {
    Token token = { 0, };
    Token *last = p->tokens->len > 0
      ? &g_array_index (p->tokens, Token, p->tokens->len - 1) : NULL;

    token.line = line;
    token.indent = -1;
    token.start = token.end = n;
    if (last != NULL && last->kind != TOK_NEWLINE)
      {
        token.kind = TOK_NEWLINE;
        g_array_append_val (p->tokens, token);
      }
    token.kind = TOK_EOF;
    token.indent = 0;
    g_array_append_val (p->tokens, token);
  }

  return TRUE;
}

static gboolean
parser_init (Parser      *p,
             const char  *source,
             gssize       length,
             GError     **error)
{
  const char *bad = NULL;

  memset (p, 0, sizeof *p);
  if (source == NULL)
    source = "";
  p->source = source;
  p->length = length < 0 ? strlen (source) : (gsize) length;

  if (!g_utf8_validate (source, p->length, &bad))
    {
      guint line = 1;

      for (const char *c = source; c < bad; c++)
        if (*c == '\n')
          line++;
      return fail (error, line, _("the file is not valid UTF-8 text"));
    }

  return tokenize (p, error);
}

/* ---- parser ------------------------------------------------------------- */

static inline Token *
peek_at (Parser *p,
         guint   index)
{
  if (index >= p->tokens->len)
    index = p->tokens->len - 1;
  return &g_array_index (p->tokens, Token, index);
}

static inline Token *
peek (Parser *p)
{
  return peek_at (p, p->pos);
}

static inline gboolean
is_op (const Token *t,
       const char  *op)
{
  return t->kind == TOK_OP && strcmp (t->op, op) == 0;
}

static inline gboolean
is_name (Parser      *p,
         const Token *t,
         const char  *name)
{
  gsize len = strlen (name);

  return t->kind == TOK_NAME && t->end - t->start == len &&
         memcmp (p->source + t->start, name, len) == 0;
}

static char *
token_text (Parser      *p,
            const Token *t)
{
  return g_strndup (p->source + t->start, t->end - t->start);
}

static gboolean
unexpected (Parser  *p,
            GError **error)
{
  Token *t = peek (p);
  g_autofree char *what = NULL;

  if (t->kind == TOK_NEWLINE)
    what = g_strdup (_("unexpected end of line"));
  else if (t->kind == TOK_EOF)
    what = g_strdup (_("unexpected end of file"));
  else
    {
      g_autofree char *text = token_text (p, t);

      /* keep messages short for huge tokens */
      if (g_utf8_strlen (text, -1) > 40)
        {
          char *cut = g_utf8_substring (text, 0, 40);

          g_free (text);
          text = g_strconcat (cut, "…", NULL);
          g_free (cut);
        }
      what = g_strdup_printf (_("unexpected “%s”"), text);
    }

  return fail (error, t->line, what);
}

static JsonNode *
unexpected_node (Parser  *p,
                 GError **error)
{
  unexpected (p, error);
  return NULL;
}

static JsonNode *
make_expr (Parser *p,
           guint   first,
           guint   last)
{
  const Token *a = peek_at (p, first);
  const Token *b = peek_at (p, last);
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  if (b->end > a->start)
    text = g_strndup (p->source + a->start, b->end - a->start);
  json_object_set_string_member (object, "expr", text != NULL ? text : "");
  json_node_take_object (node, object);
  return node;
}

static gboolean
is_keyword_token (Parser      *p,
                  const Token *t)
{
  g_autofree char *text = NULL;

  if (t->kind != TOK_NAME)
    return FALSE;
  text = token_text (p, t);
  return str_in (text, keywords, G_N_ELEMENTS (keywords));
}

static gboolean
enter (Parser  *p,
       GError **error)
{
  if (++p->depth > MAX_DEPTH)
    return fail (error, peek (p)->line, _("expression nested too deeply"));
  return TRUE;
}

static JsonNode *parse_expr      (Parser *p, GError **error);
static JsonNode *parse_or_test   (Parser *p, GError **error);
static JsonNode *parse_primary   (Parser *p, GError **error);

static gboolean
is_comprehension_start (Parser *p)
{
  Token *t = peek (p);

  return is_name (p, t, "for") ||
         (is_name (p, t, "async") && is_name (p, peek_at (p, p->pos + 1), "for"));
}

/* The first token after a bracket opened at @opener is inside it; jumps past
 * its closer. Used for comprehensions and subscripts, which are kept as text. */
static void
jump_past_closer (Parser *p,
                  guint   opener)
{
  p->pos = peek_at (p, opener)->match + 1;
}

static char *
number_text (Parser      *p,
             const Token *t)
{
  GString *text = g_string_sized_new (t->end - t->start);

  for (gsize i = t->start; i < t->end; i++)
    if (p->source[i] != '_')
      g_string_append_c (text, p->source[i]);
  return g_string_free (text, FALSE);
}

static JsonNode *
number_node (Parser *p,
             guint   index,
             int     sign)
{
  const Token *t = peek_at (p, index);
  g_autofree char *text = number_text (p, t);
  JsonNode *node;
  guint64 value;

  if (strpbrk (text, "jJ") != NULL)
    return NULL;

  if (text[0] == '0' && text[1] != '\0' && strchr ("xXoObB", text[1]) != NULL)
    {
      guint base = strchr ("xX", text[1]) ? 16 : strchr ("oO", text[1]) ? 8 : 2;

      if (!g_ascii_string_to_unsigned (text + 2, base, 0, G_MAXINT64, &value, NULL))
        return NULL;
    }
  else if (strpbrk (text, ".eE") != NULL)
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_double (node, sign * g_ascii_strtod (text, NULL));
      return node;
    }
  else if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL))
    return NULL;

  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_int (node, sign * (gint64) value);
  return node;
}

/* Adjacent string literals are one: "a" 'b' → "ab" */
static JsonNode *
parse_strings (Parser  *p,
               GError **error)
{
  guint first = p->pos;
  g_autoptr(GString) value = g_string_new (NULL);
  gboolean format = FALSE;
  JsonNode *node;

  while (peek (p)->kind == TOK_STRING)
    {
      Token *t = peek (p);

      if (t->flags & STR_FORMAT)
        format = TRUE;
      else
        g_string_append (value, t->text);
      p->pos++;
    }

  if (format)
    return make_expr (p, first, p->pos - 1);

  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (node, value->str);
  return node;
}

/* An element of a list, tuple, set or call: "*x" is kept as text */
static JsonNode *
parse_element (Parser  *p,
               GError **error)
{
  guint first = p->pos;
  JsonNode *node;

  if (is_op (peek (p), "*") || is_op (peek (p), "**"))
    {
      p->pos++;
      node = parse_or_test (p, error);
      if (node == NULL)
        return NULL;
      json_node_unref (node);
      return make_expr (p, first, p->pos - 1);
    }

  return parse_expr (p, error);
}

/* Elements up to @closer; the opener is at p->pos - 1. Returns FALSE on
 * error; *comprehension when the display turned out to be one. */
static gboolean
parse_sequence (Parser     *p,
                guint       opener,
                const char *closer,
                JsonArray  *out,
                gboolean   *comprehension,
                gboolean   *had_comma,
                GError    **error)
{
  *comprehension = FALSE;
  *had_comma = FALSE;

  while (!is_op (peek (p), closer))
    {
      JsonNode *element = parse_element (p, error);

      if (element == NULL)
        return FALSE;

      if (is_comprehension_start (p))
        {
          json_node_unref (element);
          *comprehension = TRUE;
          jump_past_closer (p, opener);
          return TRUE;
        }

      json_array_add_element (out, element);

      if (is_op (peek (p), ","))
        {
          *had_comma = TRUE;
          p->pos++;
        }
      else if (!is_op (peek (p), closer))
        return unexpected (p, error);
    }

  p->pos++;
  return TRUE;
}

static char *
key_string (Parser   *p,
            JsonNode *key,
            guint     first,
            guint     last)
{
  if (JSON_NODE_HOLDS_VALUE (key))
    {
      GType type = json_node_get_value_type (key);

      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (key));
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (key));
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (key) ? "True" : "False");
    }
  if (JSON_NODE_HOLDS_NULL (key))
    return g_strdup ("None");

  /* anything else: as written */
  return g_strndup (p->source + peek_at (p, first)->start,
                    peek_at (p, last)->end - peek_at (p, first)->start);
}

static JsonNode *
parse_braces (Parser  *p,
              GError **error)
{
  guint opener = p->pos++;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonArray) array = NULL;
  guint first;
  JsonNode *key;
  JsonNode *node;

  if (is_op (peek (p), "}"))
    {
      p->pos++;
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, json_object_new ());
      return node;
    }

  /* {**other, …}: kept as text */
  if (is_op (peek (p), "**"))
    {
      jump_past_closer (p, opener);
      return make_expr (p, opener, p->pos - 1);
    }

  first = p->pos;
  key = parse_element (p, error);
  if (key == NULL)
    return NULL;

  if (!is_op (peek (p), ":"))
    {
      gboolean comprehension, had_comma;

      /* a set */
      array = json_array_new ();
      if (is_comprehension_start (p))
        {
          json_node_unref (key);
          jump_past_closer (p, opener);
          return make_expr (p, opener, p->pos - 1);
        }
      json_array_add_element (array, key);
      if (is_op (peek (p), ","))
        p->pos++;
      else if (!is_op (peek (p), "}"))
        return unexpected_node (p, error);
      if (!parse_sequence (p, opener, "}", array, &comprehension, &had_comma, error))
        return NULL;
      if (comprehension)
        return make_expr (p, opener, p->pos - 1);
      node = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (node, g_steal_pointer (&array));
      return node;
    }

  object = json_object_new ();
  for (;;)
    {
      g_autofree char *name = NULL;
      JsonNode *value;

      name = key_string (p, key, first, p->pos - 1);
      json_node_unref (key);
      key = NULL;

      p->pos++; /* ':' */
      value = parse_expr (p, error);
      if (value == NULL)
        return NULL;
      if (is_comprehension_start (p))
        {
          json_node_unref (value);
          jump_past_closer (p, opener);
          return make_expr (p, opener, p->pos - 1);
        }
      json_object_set_member (object, name, value);

      if (is_op (peek (p), ","))
        p->pos++;
      else if (!is_op (peek (p), "}"))
        return unexpected_node (p, error);

      if (is_op (peek (p), "}"))
        break;

      if (is_op (peek (p), "**"))
        {
          jump_past_closer (p, opener);
          return make_expr (p, opener, p->pos - 1);
        }

      first = p->pos;
      key = parse_expr (p, error);
      if (key == NULL)
        return NULL;
      if (!is_op (peek (p), ":"))
        {
          json_node_unref (key);
          return unexpected_node (p, error);
        }
    }

  p->pos++;
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, g_steal_pointer (&object));
  return node;
}

static JsonNode *
parse_atom (Parser  *p,
            GError **error)
{
  Token *t = peek (p);
  guint opener = p->pos;
  JsonNode *node;

  switch (t->kind)
    {
    case TOK_STRING:
      return parse_strings (p, error);

    case TOK_NUMBER:
      p->pos++;
      node = number_node (p, opener, 1);
      return node != NULL ? node : make_expr (p, opener, opener);

    case TOK_NAME:
      if (is_name (p, t, "True") || is_name (p, t, "False"))
        {
          node = json_node_new (JSON_NODE_VALUE);
          json_node_set_boolean (node, is_name (p, t, "True"));
          p->pos++;
          return node;
        }
      if (is_name (p, t, "None"))
        {
          p->pos++;
          return json_node_new (JSON_NODE_NULL);
        }
      if (is_keyword_token (p, t))
        return unexpected_node (p, error);
      {
        JsonObject *object = json_object_new ();
        g_autofree char *name = token_text (p, t);

        json_object_set_string_member (object, "name", name);
        node = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (node, object);
        p->pos++;
        return node;
      }

    case TOK_OP:
      if (is_op (t, "("))
        {
          g_autoptr(JsonArray) array = json_array_new ();
          gboolean comprehension, had_comma;

          p->pos++;
          if (!parse_sequence (p, opener, ")", array, &comprehension, &had_comma, error))
            return NULL;
          if (comprehension)
            return make_expr (p, opener, p->pos - 1);
          /* (x) is x; (x,) and () are tuples */
          if (json_array_get_length (array) == 1 && !had_comma)
            return json_node_copy (json_array_get_element (array, 0));
          node = json_node_new (JSON_NODE_ARRAY);
          json_node_take_array (node, g_steal_pointer (&array));
          return node;
        }
      if (is_op (t, "["))
        {
          g_autoptr(JsonArray) array = json_array_new ();
          gboolean comprehension, had_comma;

          p->pos++;
          if (!parse_sequence (p, opener, "]", array, &comprehension, &had_comma, error))
            return NULL;
          if (comprehension)
            return make_expr (p, opener, p->pos - 1);
          node = json_node_new (JSON_NODE_ARRAY);
          json_node_take_array (node, g_steal_pointer (&array));
          return node;
        }
      if (is_op (t, "{"))
        return parse_braces (p, error);
      if (is_op (t, "..."))
        {
          p->pos++;
          return make_expr (p, opener, opener);
        }
      break;

    case TOK_NEWLINE:
    case TOK_EOF:
    default:
      break;
    }

  return unexpected_node (p, error);
}

static gboolean
parse_call_arguments (Parser     *p,
                      JsonArray  *args,
                      JsonObject *kwargs,
                      GError    **error)
{
  guint opener = p->pos++;

  while (!is_op (peek (p), ")"))
    {
      Token *t = peek (p);
      JsonNode *value;

      if (t->kind == TOK_NAME && is_op (peek_at (p, p->pos + 1), "=") && !is_keyword_token (p, t))
        {
          g_autofree char *name = token_text (p, t);

          p->pos += 2;
          value = parse_expr (p, error);
          if (value == NULL)
            return FALSE;
          json_object_set_member (kwargs, name, value);
        }
      else
        {
          guint first = p->pos;

          value = parse_element (p, error);
          if (value == NULL)
            return FALSE;
          if (is_comprehension_start (p))
            {
              /* f(x for x in y): a generator expression, kept as text */
              json_node_unref (value);
              p->pos = peek_at (p, opener)->match;
              value = make_expr (p, first, p->pos - 1);
            }
          json_array_add_element (args, value);
        }

      if (is_op (peek (p), ","))
        p->pos++;
      else if (!is_op (peek (p), ")"))
        return unexpected (p, error);
    }

  p->pos++;
  return TRUE;
}

static const char *
name_of (JsonNode *node)
{
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  if (json_object_get_size (object) != 1 || !json_object_has_member (object, "name"))
    return NULL;
  return json_object_get_string_member (object, "name");
}

static JsonNode *
parse_primary (Parser  *p,
               GError **error)
{
  guint first = p->pos;
  g_autoptr(JsonNode) node = NULL;

  node = parse_atom (p, error);
  if (node == NULL)
    return NULL;

  for (;;)
    {
      Token *t = peek (p);

      if (is_op (t, "."))
        {
          const char *name = name_of (node);

          p->pos++;
          if (peek (p)->kind != TOK_NAME || is_keyword_token (p, peek (p)))
            return unexpected_node (p, error);
          p->pos++;
          if (name != NULL)
            {
              g_autofree char *attribute = token_text (p, peek_at (p, p->pos - 1));
              g_autofree char *dotted = g_strconcat (name, ".", attribute, NULL);

              json_object_set_string_member (json_node_get_object (node), "name", dotted);
            }
          else
            {
              json_node_unref (node);
              node = make_expr (p, first, p->pos - 1);
            }
        }
      else if (is_op (t, "("))
        {
          guint callee_end = p->pos - 1;
          g_autoptr(JsonArray) args = json_array_new ();
          g_autoptr(JsonObject) kwargs = json_object_new ();
          JsonObject *call = json_object_new ();
          const char *name = name_of (node);

          if (!parse_call_arguments (p, args, kwargs, error))
            {
              json_object_unref (call);
              return NULL;
            }

          if (name != NULL)
            json_object_set_string_member (call, "call", name);
          else
            {
              g_autofree char *callee = g_strndup (p->source + peek_at (p, first)->start,
                                                   peek_at (p, callee_end)->end -
                                                     peek_at (p, first)->start);

              json_object_set_string_member (call, "call", callee);
            }
          json_object_set_int_member (call, "line", peek_at (p, first)->line);
          json_object_set_array_member (call, "args", g_steal_pointer (&args));
          json_object_set_object_member (call, "kwargs", g_steal_pointer (&kwargs));
          /* a call on a call (or on anything but a name): the callee itself */
          if (name == NULL)
            json_object_set_member (call, "func", g_steal_pointer (&node));

          g_clear_pointer (&node, json_node_unref);
          node = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (node, call);
        }
      else if (is_op (t, "["))
        {
          /* subscripts and slices are kept as text */
          jump_past_closer (p, p->pos);
          json_node_unref (node);
          node = make_expr (p, first, p->pos - 1);
        }
      else
        break;
    }

  return g_steal_pointer (&node);
}

/* Prefix operators: not, -, +, ~, await. A signed number stays a number. */
static JsonNode *
parse_unary (Parser  *p,
             GError **error)
{
  guint first = p->pos;
  gboolean only_signs = TRUE;
  int sign = 1;
  JsonNode *node;

  for (;;)
    {
      Token *t = peek (p);

      if (is_op (t, "-"))
        sign = -sign;
      else if (is_op (t, "+"))
        ;
      else if (is_op (t, "~") || is_name (p, t, "not") || is_name (p, t, "await"))
        only_signs = FALSE;
      else
        break;
      p->pos++;
    }

  if (first == p->pos)
    return parse_primary (p, error);

  if (only_signs && peek (p)->kind == TOK_NUMBER)
    {
      guint number = p->pos;
      Token *next = peek_at (p, number + 1);

      /* -1 is a number; -1 .real or -1(…) is not worth a value */
      if (!is_op (next, ".") && !is_op (next, "(") && !is_op (next, "["))
        {
          p->pos++;
          node = number_node (p, number, sign);
          if (node != NULL)
            return node;
          return make_expr (p, first, p->pos - 1);
        }
    }

  node = parse_primary (p, error);
  if (node == NULL)
    return NULL;
  json_node_unref (node);
  return make_expr (p, first, p->pos - 1);
}

static gboolean
at_binary_operator (Parser *p)
{
  static const char * const ops[] = {
    "+", "-", "*", "/", "//", "%", "@", "**", "<<", ">>", "&", "|", "^",
    "<", ">", "==", "!=", "<=", ">=", ":=",
  };
  Token *t = peek (p);

  if (t->kind == TOK_OP)
    return str_in (t->op, ops, G_N_ELEMENTS (ops));

  if (is_name (p, t, "and") || is_name (p, t, "or") || is_name (p, t, "in") ||
      is_name (p, t, "is"))
    return TRUE;
  if (is_name (p, t, "not") && is_name (p, peek_at (p, p->pos + 1), "in"))
    return TRUE;

  return FALSE;
}

/* Every binary operator at once: the result is one operand, or text */
static JsonNode *
parse_or_test (Parser  *p,
               GError **error)
{
  guint first = p->pos;
  JsonNode *node;
  gboolean compound = FALSE;

  node = parse_unary (p, error);
  if (node == NULL)
    return NULL;

  while (at_binary_operator (p))
    {
      Token *t = peek (p);

      compound = TRUE;
      if (is_name (p, t, "not") || (is_name (p, t, "is") && is_name (p, peek_at (p, p->pos + 1), "not")))
        p->pos += 2;
      else
        p->pos++;

      json_node_unref (node);
      node = parse_unary (p, error);
      if (node == NULL)
        return NULL;
    }

  if (compound)
    {
      json_node_unref (node);
      node = make_expr (p, first, p->pos - 1);
    }

  return node;
}

static JsonNode *
parse_expr_inner (Parser  *p,
                  GError **error)
{
  guint first = p->pos;
  JsonNode *node;

  if (is_name (p, peek (p), "lambda"))
    {
      /* lambda parameters end at the first ':' outside brackets */
      p->pos++;
      while (!is_op (peek (p), ":"))
        {
          Token *t = peek (p);

          if (t->kind == TOK_NEWLINE || t->kind == TOK_EOF ||
              is_op (t, ")") || is_op (t, "]") || is_op (t, "}"))
            return unexpected_node (p, error);
          if (is_op (t, "(") || is_op (t, "[") || is_op (t, "{"))
            jump_past_closer (p, p->pos);
          else
            p->pos++;
        }
      p->pos++;
      node = parse_expr (p, error);
      if (node == NULL)
        return NULL;
      json_node_unref (node);
      return make_expr (p, first, p->pos - 1);
    }

  node = parse_or_test (p, error);
  if (node == NULL)
    return NULL;

  if (is_name (p, peek (p), "if"))
    {
      /* x if c else y */
      json_node_unref (node);
      p->pos++;
      node = parse_or_test (p, error);
      if (node == NULL)
        return NULL;
      json_node_unref (node);
      if (!is_name (p, peek (p), "else"))
        return unexpected_node (p, error);
      p->pos++;
      node = parse_expr (p, error);
      if (node == NULL)
        return NULL;
      json_node_unref (node);
      return make_expr (p, first, p->pos - 1);
    }

  return node;
}

static JsonNode *
parse_expr (Parser  *p,
            GError **error)
{
  JsonNode *node;

  if (!enter (p, error))
    return NULL;
  node = parse_expr_inner (p, error);
  p->depth--;
  return node;
}

/* The right side of an assignment: "a, b" is a tuple */
static JsonNode *
parse_expr_list (Parser  *p,
                 GError **error)
{
  g_autoptr(JsonArray) array = NULL;
  JsonNode *node;

  node = parse_element (p, error);
  if (node == NULL)
    return NULL;
  if (!is_op (peek (p), ","))
    return node;

  array = json_array_new ();
  json_array_add_element (array, node);
  while (is_op (peek (p), ","))
    {
      Token *t;

      p->pos++;
      t = peek (p);
      if (t->kind == TOK_NEWLINE || t->kind == TOK_EOF || is_op (t, ";") || is_op (t, "="))
        break;
      node = parse_element (p, error);
      if (node == NULL)
        return NULL;
      json_array_add_element (array, node);
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, g_steal_pointer (&array));
  return node;
}

static inline gboolean
at_statement_end (Parser *p)
{
  Token *t = peek (p);

  return t->kind == TOK_NEWLINE || t->kind == TOK_EOF || is_op (t, ";");
}

/* Moves past the current logical line */
static void
skip_line (Parser *p)
{
  while (peek (p)->kind != TOK_NEWLINE && peek (p)->kind != TOK_EOF)
    p->pos++;
  if (peek (p)->kind == TOK_NEWLINE)
    p->pos++;
}

/* Moves to the next ';' or end of line (brackets jumped over) */
static void
skip_statement (Parser *p)
{
  while (!at_statement_end (p))
    {
      Token *t = peek (p);

      if (is_op (t, "(") || is_op (t, "[") || is_op (t, "{"))
        jump_past_closer (p, p->pos);
      else
        p->pos++;
    }
}

/* `NAME = NAME = value` into @out; other simple statements skipped. When
 * @lenient, a value the parser does not understand skips the statement. */
static gboolean
parse_simple_statements (Parser     *p,
                         JsonObject *out,
                         gboolean    lenient,
                         GError    **error)
{
  for (;;)
    {
      Token *t = peek (p);
      g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
      guint start = p->pos;

      if (t->kind == TOK_NAME)
        {
          g_autofree char *word = token_text (p, t);

          if (str_in (word, compound_keywords, G_N_ELEMENTS (compound_keywords)))
            {
              skip_line (p);
              return TRUE;
            }
        }

      while (peek (p)->kind == TOK_NAME && !is_keyword_token (p, peek (p)) &&
             is_op (peek_at (p, p->pos + 1), "="))
        {
          g_ptr_array_add (targets, token_text (p, peek (p)));
          p->pos += 2;
        }

      if (targets->len > 0)
        {
          g_autoptr(GError) local_error = NULL;
          JsonNode *value = parse_expr_list (p, &local_error);

          if (value != NULL && !at_statement_end (p))
            {
              json_node_unref (value);
              value = NULL;
              unexpected (p, &local_error);
            }

          if (value == NULL)
            {
              if (!lenient)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              p->pos = start;
              skip_statement (p);
            }
          else
            {
              for (guint i = 0; i < targets->len; i++)
                json_object_set_member (out, g_ptr_array_index (targets, i),
                                        i + 1 < targets->len ? json_node_copy (value) : value);
            }
        }
      else
        skip_statement (p);

      if (is_op (peek (p), ";"))
        {
          p->pos++;
          if (!at_statement_end (p))
            continue;
        }
      skip_line (p);
      return TRUE;
    }
}

static gboolean
parse_class_body (Parser     *p,
                  int         class_indent,
                  JsonObject *out,
                  GError    **error)
{
  int body_indent = -1;

  /* class Migration(...): x = 1 — a body on the same line */
  if (peek (p)->kind != TOK_NEWLINE)
    return parse_simple_statements (p, out, FALSE, error);
  p->pos++;

  while (peek (p)->kind != TOK_EOF)
    {
      Token *t = peek (p);

      if (t->indent <= class_indent)
        break;
      if (body_indent < 0)
        body_indent = t->indent;

      if (t->indent == body_indent)
        {
          if (!parse_simple_statements (p, out, FALSE, error))
            return FALSE;
        }
      else if (t->indent > body_indent)
        skip_line (p); /* inside a method or another block */
      else
        return fail (error, t->line, _("inconsistent indentation"));
    }

  if (body_indent < 0)
    return fail (error, peek (p)->line, _("the Migration class has no body"));

  return TRUE;
}

JsonObject *
pf_python_parse_migration (const char  *source,
                           gssize       length,
                           GError     **error)
{
  g_auto(Parser) p = { 0, };
  g_autoptr(JsonObject) result = NULL;

  if (!parser_init (&p, source, length, error))
    return NULL;

  while (peek (&p)->kind != TOK_EOF)
    {
      Token *t = peek (&p);

      /* Django's loader reads the module attribute `Migration`: the last
       * top-level `class Migration` wins, as it would in Python. */
      if (t->indent == 0 && is_name (&p, t, "class") &&
          is_name (&p, peek_at (&p, p.pos + 1), "Migration"))
        {
          g_autoptr(JsonObject) body = json_object_new ();

          p.pos += 2;
          if (is_op (peek (&p), "("))
            {
              g_autoptr(JsonArray) bases = json_array_new ();
              g_autoptr(JsonObject) keywords_ = json_object_new ();

              if (!parse_call_arguments (&p, bases, keywords_, error))
                return NULL;
            }
          if (!is_op (peek (&p), ":"))
            {
              unexpected (&p, error);
              return NULL;
            }
          p.pos++;
          if (!parse_class_body (&p, 0, body, error))
            return NULL;
          g_clear_pointer (&result, json_object_unref);
          result = g_steal_pointer (&body);
        }
      else
        skip_line (&p);
    }

  if (result == NULL)
    {
      fail (error, 1, _("the file defines no Migration class"));
      return NULL;
    }

  return g_steal_pointer (&result);
}

JsonObject *
pf_python_parse_assignments (const char  *source,
                             gssize       length,
                             GError     **error)
{
  g_auto(Parser) p = { 0, };
  g_autoptr(JsonObject) result = json_object_new ();

  if (!parser_init (&p, source, length, error))
    return NULL;

  while (peek (&p)->kind != TOK_EOF)
    {
      if (peek (&p)->indent == 0)
        parse_simple_statements (&p, result, TRUE, NULL);
      else
        skip_line (&p);
    }

  return g_steal_pointer (&result);
}

JsonArray *
pf_python_find_calls (const char  *source,
                      gssize       length,
                      const char  *callee,
                      GError     **error)
{
  g_auto(Parser) p = { 0, };
  g_autoptr(JsonArray) result = json_array_new ();
  g_autofree char *suffix = g_strconcat (".", callee, NULL);

  g_return_val_if_fail (callee != NULL, NULL);

  if (!parser_init (&p, source, length, error))
    return NULL;

  for (guint i = 0; i < p.tokens->len; i++)
    {
      g_autoptr(GString) name = NULL;
      guint j = i;
      Token *t = peek_at (&p, i);

      if (t->kind != TOK_NAME || (i > 0 && is_op (peek_at (&p, i - 1), ".")))
        continue;

      name = g_string_new (NULL);
      for (;;)
        {
          g_autofree char *part = token_text (&p, peek_at (&p, j));

          g_string_append (name, part);
          if (is_op (peek_at (&p, j + 1), ".") && peek_at (&p, j + 2)->kind == TOK_NAME)
            {
              g_string_append_c (name, '.');
              j += 2;
            }
          else
            break;
        }

      if (is_op (peek_at (&p, j + 1), "(") &&
          (strcmp (name->str, callee) == 0 || g_str_has_suffix (name->str, suffix)))
        {
          JsonNode *node;

          p.pos = i;
          p.depth = 0;
          node = parse_primary (&p, NULL);
          if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
              json_object_has_member (json_node_get_object (node), "call"))
            json_array_add_element (result, node);
          else if (node != NULL)
            json_node_unref (node);
        }
    }

  return g_steal_pointer (&result);
}
