/* pf-report-pages.c — a report document laid out on pages: the PDF, the print-out and the preview
 *
 * The document is laid out once, in pf_report_pages_new(), into a display
 * list per page: filled rectangles, rounded panels, circles and pieces of
 * PangoLayouts (a range of lines, so a paragraph, a table row or a code
 * block continues on the next page where it left off). Drawing a page only
 * replays its list, so the PDF, a printer's cairo_t and the preview image
 * show the same thing.
 *
 * Threads: the layouts belong to a pango context on a font map the pages
 * object owns (pango_cairo_font_map_get_default() is per thread), and every
 * use of them (laying out, drawing, writing the PDF) holds self->mutex, so
 * the pages may be laid out on one thread and drawn on another, one at a
 * time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-report-pages"

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "pf-report-pages.h"

/* ------------------------------------------------------------ look --- */

typedef struct
{
  double r, g, b, a;
} Rgba;

#define RGB(hex) { (((hex) >> 16) & 0xff) / 255.0, (((hex) >> 8) & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

static const Rgba color_text = RGB (0x1e1e1e);
static const Rgba color_muted = RGB (0x5e5c64);
static const Rgba color_rule = RGB (0xdeddda);
static const Rgba color_rule_strong = RGB (0xc0bfbc);
static const Rgba color_shade = RGB (0xf6f5f4);

/* The tone's fill (markers, bars, panels) */
static const Rgba tone_fill[] = {
  [PF_REPORT_TONE_NEUTRAL] = RGB (0x5e5c64),
  [PF_REPORT_TONE_GOOD] = RGB (0x26a269),
  [PF_REPORT_TONE_WARNING] = RGB (0xcd9309),
  [PF_REPORT_TONE_BAD] = RGB (0xc01c28),
};
/* Text in the tone on white paper, dark enough to read */
static const Rgba tone_text[] = {
  [PF_REPORT_TONE_NEUTRAL] = RGB (0x1e1e1e),
  [PF_REPORT_TONE_GOOD] = RGB (0x1b7a4a),
  [PF_REPORT_TONE_WARNING] = RGB (0x7a5600),
  [PF_REPORT_TONE_BAD] = RGB (0xc01c28),
};
/* Text on the tone's fill: amber is too light for white text, so it
 * carries dark text as libadwaita's warning colour does */
static const Rgba tone_on_fill[] = {
  [PF_REPORT_TONE_NEUTRAL] = RGB (0xffffff),
  [PF_REPORT_TONE_GOOD] = RGB (0xffffff),
  [PF_REPORT_TONE_WARNING] = RGB (0x1e1e1e),
  [PF_REPORT_TONE_BAD] = RGB (0xffffff),
};

#define MARGIN          (20.0 * 72.0 / 25.4)  /* 20 mm */
#define HEADER_BASELINE 34.0                   /* the page header, from the top */
#define FOOTER_GAP      22.0                   /* "Page N of M" below the content */
#define EPSILON         0.01

#define SANS "Cantarell, DejaVu Sans"
#define MONO "DejaVu Sans Mono"

typedef enum {
  FONT_BODY,
  FONT_BODY_BOLD,
  FONT_LEAD,
  FONT_NOTE,
  FONT_SMALL,
  FONT_LABEL,
  FONT_CAPTION,
  FONT_CODE_CAPTION,
  FONT_CELL,
  FONT_CELL_BOLD,
  FONT_CELL_HEADER,
  FONT_MONO,
  FONT_MONO_CELL,
  FONT_MONO_FACT,
  FONT_H1,
  FONT_H2,
  FONT_H3,
  FONT_PRODUCT,
  FONT_TITLE,
  FONT_CONNECTION,
  FONT_PILL,
  FONT_VERDICT,
  FONT_VERDICT_SENTENCE,
  N_FONTS
} Font;

static const char * const font_names[N_FONTS] = {
  [FONT_BODY] = SANS " 10",
  [FONT_BODY_BOLD] = SANS " Bold 10",
  [FONT_LEAD] = SANS " 11.5",
  [FONT_NOTE] = SANS " 8.5",
  [FONT_SMALL] = SANS " 8",
  [FONT_LABEL] = SANS " 9.5",
  [FONT_CAPTION] = SANS " Bold 9",
  [FONT_CODE_CAPTION] = SANS " Bold 8.5",
  [FONT_CELL] = SANS " 8.75",
  [FONT_CELL_BOLD] = SANS " Bold 8.75",
  [FONT_CELL_HEADER] = SANS " Bold 8.5",
  [FONT_MONO] = MONO " 8.5",
  [FONT_MONO_CELL] = MONO " 8",
  [FONT_MONO_FACT] = MONO " 8.5",
  [FONT_H1] = SANS " Bold 16",
  [FONT_H2] = SANS " Bold 12",
  [FONT_H3] = SANS " Bold 10",
  [FONT_PRODUCT] = SANS " 9",
  [FONT_TITLE] = SANS " Bold 26",
  [FONT_CONNECTION] = SANS " 16",
  [FONT_PILL] = SANS " Bold 9",
  [FONT_VERDICT] = SANS " Bold 34",
  [FONT_VERDICT_SENTENCE] = SANS " 12",
};

/* ------------------------------------------------------ display list --- */

typedef enum {
  ITEM_TEXT,
  ITEM_RECT,
  ITEM_CIRCLE,
} ItemKind;

typedef struct
{
  ItemKind     kind;
  Rgba         color;
  /* RECT: the box; CIRCLE: x, y the centre, width the radius;
   * TEXT: x, y where the first drawn line's top goes */
  double       x, y, width, height;
  double       radius;      /* RECT: rounded corners */
  double       line_width;  /* RECT: > 0 strokes the outline instead */
  PangoLayout *layout;      /* TEXT */
  int          first_line;  /* TEXT: -1 for the whole layout */
  int          n_lines;
} Item;

typedef struct
{
  GArray *items;  /* Item */
} Page;

typedef struct
{
  char   *text;
  guint   page;  /* 0-based */
  double  y;
} OutlineEntry;

struct _PfReportPages
{
  GObject               parent_instance;

  PfReportDocument     *document;
  PfReportPaper         paper;
  double                width;
  double                height;
  gboolean              has_cover;

  /* Guards everything pango below: see the top of the file */
  GMutex                mutex;
  PangoFontMap         *font_map;
  PangoContext         *contexts[2];  /* left to right, right to left */
  PangoFontDescription *fonts[N_FONTS];

  GPtrArray            *pages;    /* Page */
  GHashTable           *cells;    /* while laying out: cell_layout()'s key → PangoLayout */
  GArray               *outline;  /* OutlineEntry */
};

G_DEFINE_FINAL_TYPE (PfReportPages, pf_report_pages, G_TYPE_OBJECT)

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->layout);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_array_unref (page->items);
  g_free (page);
}

static void
outline_entry_clear (gpointer data)
{
  OutlineEntry *entry = data;

  g_free (entry->text);
}

/* ------------------------------------------------------------ paper --- */

const char *
pf_report_paper_to_string (PfReportPaper paper)
{
  switch (paper)
    {
    case PF_REPORT_PAPER_LETTER:
      return "letter";
    case PF_REPORT_PAPER_A4:
    default:
      return "a4";
    }
}

gboolean
pf_report_paper_from_string (const char    *string,
                             PfReportPaper *out_paper)
{
  PfReportPaper paper;

  if (string == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (string, "a4") == 0)
    paper = PF_REPORT_PAPER_A4;
  else if (g_ascii_strcasecmp (string, "letter") == 0)
    paper = PF_REPORT_PAPER_LETTER;
  else
    return FALSE;

  if (out_paper != NULL)
    *out_paper = paper;

  return TRUE;
}

void
pf_report_paper_get_size (PfReportPaper  paper,
                          double        *width,
                          double        *height)
{
  double w = 595.28, h = 841.89;

  if (paper == PF_REPORT_PAPER_LETTER)
    {
      w = 612.0;
      h = 792.0;
    }
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

/* ----------------------------------------------------------- layouts --- */

/* Whether most letters of @text are in a right-to-left script: then it
 * is laid out right to left, aligned to the right */
static gboolean
text_is_rtl (const char *text)
{
  guint rtl = 0, ltr = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c;

      /* ASCII: left to right, or neutral */
      if ((guchar) *p < 0x80)
        {
          if (g_ascii_isalpha (*p))
            ltr++;
          continue;
        }
      c = g_utf8_get_char (p);
      if (!g_unichar_isalpha (c))
        continue;
      switch ((int) g_unichar_get_script (c))
        {
        case G_UNICODE_SCRIPT_ARABIC:
        case G_UNICODE_SCRIPT_HEBREW:
        case G_UNICODE_SCRIPT_SYRIAC:
        case G_UNICODE_SCRIPT_THAANA:
        case G_UNICODE_SCRIPT_NKO:
        case G_UNICODE_SCRIPT_SAMARITAN:
        case G_UNICODE_SCRIPT_MANDAIC:
        case G_UNICODE_SCRIPT_ADLAM:
          rtl++;
          break;
        default:
          ltr++;
          break;
        }
    }

  return rtl > ltr;
}

/* Characters in the longest run without white space */
static guint
longest_word (const char *text)
{
  guint longest = 0, current = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p == ' ' || *p == '\n' || *p == '\t')
        current = 0;
      else if (++current > longest)
        longest = current;
    }

  return longest;
}

/* The widest a character of @font can be, about: an em, or 0.6 em in
 * monospace */
static double
font_em (PfReportPages *self,
         Font           font)
{
  double size = (double) pango_font_description_get_size (self->fonts[font]) / PANGO_SCALE;
  const char *family = pango_font_description_get_family (self->fonts[font]);

  return g_str_equal (family, MONO) ? size * 0.61 : size;
}

static PangoLayout *
new_layout (PfReportPages  *self,
            Font            font,
            const char     *text,
            double          width,
            PangoAlignment  alignment)
{
  gboolean rtl = text != NULL && text_is_rtl (text);
  PangoLayout *layout = pango_layout_new (self->contexts[rtl]);

  /* Not pango's auto-dir, which goes by the first letter: a sentence that
   * starts with an Arabic table name is still an English sentence */
  pango_layout_set_auto_dir (layout, FALSE);
  if (rtl && alignment == PANGO_ALIGN_LEFT)
    alignment = PANGO_ALIGN_RIGHT;
  else if (rtl && alignment == PANGO_ALIGN_RIGHT)
    alignment = PANGO_ALIGN_LEFT;
  pango_layout_set_font_description (layout, self->fonts[font]);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  /* What breaks inside a word here is an identifier, a path or a
   * checksum: a hyphen pango adds would read as part of it. Only where a
   * word may not fit: attributes make shaping slower. */
  if (width > 0 && text != NULL && longest_word (text) * font_em (self, font) > width)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }

  return layout;
}

/* @text with a zero-width space after each '_', '.', '/' and ':' inside
 * it, so a long identifier wraps at its parts ("scheduling_" /
 * "accesslog.user_id") rather than at any character. Drawn as nothing and
 * not in the PDF's text: copied or extracted, the identifier is whole. */
static char *
dup_breakable (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text) + 16);
  for (const char *p = text; *p != '\0'; p++)
    {
      g_string_append_c (out, *p);
      if ((*p == '_' || *p == '.' || *p == '/' || *p == ':') && p[1] != '\0' && p[1] != ' '
          && p[1] != '\n' && p != text)
        g_string_append (out, "\xe2\x80\x8b");
    }

  return g_string_free (out, FALSE);
}

/* Adds @attribute (taken; its range set) to @layout's attributes */
static void
layout_add_attribute (PangoLayout    *layout,
                      PangoAttribute *attribute)
{
  PangoAttrList *attrs = pango_layout_get_attributes (layout);

  attrs = attrs != NULL ? pango_attr_list_copy (attrs) : pango_attr_list_new ();

  pango_attr_list_insert (attrs, attribute);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);

  return (double) height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_size (layout, &width, NULL);

  return (double) width / PANGO_SCALE;
}

/* The distance from the layout's top to its first baseline */
static double
layout_baseline (PangoLayout *layout)
{
  return (double) pango_layout_get_baseline (layout) / PANGO_SCALE;
}

typedef struct
{
  double top;
  double bottom;
} LineRange;

/* Where each line of @layout starts and ends, in points from its top */
static GArray *
layout_get_lines (PangoLayout *layout)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (LineRange));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      LineRange range;
      int top, bottom;

      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      range.top = (double) top / PANGO_SCALE;
      range.bottom = (double) bottom / PANGO_SCALE;
      g_array_append_val (lines, range);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  return lines;
}

/* -------------------------------------------------------------- flow --- */

/* Where the next thing goes while the document is laid out */
typedef struct
{
  PfReportPages *self;
  Page          *page;
  double         left;
  double         width;
  double         top;
  double         bottom;
  double         y;
  double         fresh_y;   /* y on this page before anything but a repeated table header */
  double         pending;   /* space owed below the previous block */
  gboolean       after_heading;
  guint          chapter;   /* level 1 headings so far */
} Flow;

static Item *
flow_add (Flow     *flow,
          ItemKind  kind)
{
  Item item = { 0, };

  item.kind = kind;
  item.first_line = -1;
  g_array_append_val (flow->page->items, item);

  return &g_array_index (flow->page->items, Item, flow->page->items->len - 1);
}

static void
flow_add_rect (Flow       *flow,
               double      x,
               double      y,
               double      width,
               double      height,
               const Rgba *color)
{
  Item *item = flow_add (flow, ITEM_RECT);

  item->x = x;
  item->y = y;
  item->width = width;
  item->height = height;
  item->color = *color;
}

static void
flow_add_text (Flow        *flow,
               PangoLayout *layout,
               double       x,
               double       y,
               const Rgba  *color)
{
  Item *item = flow_add (flow, ITEM_TEXT);

  item->layout = g_object_ref (layout);
  item->x = x;
  item->y = y;
  item->color = *color;
}

static void
flow_add_lines (Flow        *flow,
                PangoLayout *layout,
                double       x,
                double       y,
                const Rgba  *color,
                int          first_line,
                int          n_lines)
{
  Item *item = flow_add (flow, ITEM_TEXT);

  item->layout = g_object_ref (layout);
  item->x = x;
  item->y = y;
  item->color = *color;
  item->first_line = first_line;
  item->n_lines = n_lines;
}

static void
flow_new_page (Flow *flow)
{
  Page *page = g_new0 (Page, 1);

  page->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (page->items, item_clear);
  g_ptr_array_add (flow->self->pages, page);

  flow->page = page;
  flow->y = flow->top;
  flow->fresh_y = flow->top;
  flow->pending = 0;
  flow->after_heading = FALSE;
}

static gboolean
flow_at_top (Flow *flow)
{
  return flow->y <= flow->fresh_y + EPSILON;
}

/* Starts a block: the larger of the space owed below the previous block
 * and @space above this one, except at the top of a page */
static void
flow_begin (Flow   *flow,
            double  space)
{
  double gap = flow->after_heading ? flow->pending : MAX (flow->pending, space);

  flow->pending = 0;
  flow->after_heading = FALSE;
  if (flow_at_top (flow))
    return;
  flow->y = MIN (flow->y + gap, flow->bottom);
}

static void
flow_end (Flow   *flow,
          double  space)
{
  flow->pending = space;
}

/* Whether @height more fits on this page */
static gboolean
flow_fits (Flow   *flow,
           double  height)
{
  return flow->y + height <= flow->bottom + EPSILON;
}

/* ------------------------------------------------------------- rows --- */

/* Layouts side by side (table cells, a fact's label and value, a bullet
 * and its text, a paragraph alone) that break across pages together,
 * line by line when they must. */
typedef struct
{
  PangoLayout *layout;
  double       x;
  double       dy;       /* down from the row's content top */
  Rgba         color;
  GArray      *lines;    /* LineRange, when the row is split */
  guint        next;     /* the first line not placed yet */
  guint        count;    /* lines in the fragment being placed */
} Cell;

typedef struct
{
  Cell  *cells;
  guint  n_cells;
  double pad_top;
  double pad_bottom;
  /* Breaks across pages wherever it must (text), rather than moving
   * whole to the next page when it fits there (a table row) */
  gboolean split;
  /* single layouts: at least two lines on each side of a page break */
  gboolean keep_lines;
  /* Draws one fragment's decoration, before its text */
  void   (*decorate) (Flow *flow, double y, double height, gpointer data);
  /* Called after a page break (repeats a table's header) */
  void   (*continued) (Flow *flow, gpointer data);
  gpointer data;
} Row;

static void
row_clear (Row *row)
{
  for (guint i = 0; i < row->n_cells; i++)
    {
      g_clear_object (&row->cells[i].layout);
      g_clear_pointer (&row->cells[i].lines, g_array_unref);
    }
  g_clear_pointer (&row->cells, g_free);
  row->n_cells = 0;
}

/* Takes @layout */
static Cell *
row_add (Row         *row,
         PangoLayout *layout,
         double       x,
         const Rgba  *color)
{
  Cell *cell;

  /* Rows are short-lived and narrow: grow one cell at a time */
  row->cells = g_renew (Cell, row->cells, row->n_cells + 1);
  cell = &row->cells[row->n_cells++];
  cell->layout = layout;
  cell->x = x;
  cell->dy = 0;
  cell->color = *color;
  cell->lines = NULL;
  cell->next = 0;

  return cell;
}

/* Cells in different fonts (identifiers in monospace) share their first
 * baseline */
static void
row_align_baselines (Row *row)
{
  double baseline = 0;

  for (guint i = 0; i < row->n_cells; i++)
    baseline = MAX (baseline, layout_baseline (row->cells[i].layout));
  for (guint i = 0; i < row->n_cells; i++)
    row->cells[i].dy = baseline - layout_baseline (row->cells[i].layout);
}

static double
row_content_height (Row *row)
{
  double height = 0;

  for (guint i = 0; i < row->n_cells; i++)
    height = MAX (height, row->cells[i].dy + layout_height (row->cells[i].layout));

  return height;
}

static guint
cell_n_lines (Cell *cell)
{
  return pango_layout_get_line_count (cell->layout);
}

/* How much of @row must fit where it starts: everything when it moves
 * whole or cannot be split nicely, else its first line (two for a long
 * paragraph) */
static double
row_lead_height (Flow   *flow,
                 Row    *row,
                 double  continued_height)
{
  double height = 0;

  /* A table row moves whole when it fits on a page */
  if (!row->split)
    {
      double whole = row->pad_top + row_content_height (row) + row->pad_bottom;

      if (whole <= flow->bottom - flow->top - continued_height)
        return whole;
    }

  for (guint i = 0; i < row->n_cells; i++)
    {
      Cell *cell = &row->cells[i];
      guint n = cell_n_lines (cell);
      guint needed = 1;
      g_autoptr(GArray) lines = NULL;

      if (row->keep_lines)
        needed = n <= 3 ? n : 2;
      lines = layout_get_lines (cell->layout);
      needed = MIN (needed, lines->len);
      if (needed > 0)
        height = MAX (height, cell->dy + g_array_index (lines, LineRange, needed - 1).bottom);
    }

  return row->pad_top + height + row->pad_bottom;
}

static void
row_start_page (Flow *flow,
                Row  *row)
{
  flow_new_page (flow);
  if (row->continued != NULL)
    row->continued (flow, row->data);
  flow->fresh_y = flow->y;
}

/* Places @row at the flow, on the next page when it does not fit here
 * but would there, split by lines when it is taller than a page. The
 * space a repeated header takes is @continued_height. */
static void
flow_place_row (Flow   *flow,
                Row    *row,
                double  continued_height)
{
  double height = row->pad_top + row_content_height (row) + row->pad_bottom;
  double page_room = flow->bottom - flow->top - continued_height;
  gboolean started = FALSE;

  if (!flow_fits (flow, height) && !flow_at_top (flow)
      && ((height <= page_room && !row->split) || !flow_fits (flow, row_lead_height (flow, row, continued_height))))
    row_start_page (flow, row);

  if (flow_fits (flow, height))
    {
      if (row->decorate != NULL)
        row->decorate (flow, flow->y, height, row->data);
      for (guint i = 0; i < row->n_cells; i++)
        flow_add_text (flow, row->cells[i].layout, row->cells[i].x,
                       flow->y + row->pad_top + row->cells[i].dy, &row->cells[i].color);
      flow->y += height;
      return;
    }

  /* Taller than the room left: line by line */
  for (guint i = 0; i < row->n_cells; i++)
    row->cells[i].lines = layout_get_lines (row->cells[i].layout);

  for (;;)
    {
      double room = flow->bottom - flow->y - row->pad_top - row->pad_bottom;
      double fragment = 0;
      gboolean any = FALSE, done = TRUE;

      for (guint i = 0; i < row->n_cells; i++)
        {
          Cell *cell = &row->cells[i];
          guint n = cell->lines->len;
          double base, dy;
          guint k = 0;

          cell->count = 0;
          if (cell->next >= n)
            continue;
          /* Its offset counts only on its first fragment */
          dy = cell->next == 0 ? cell->dy : 0;
          base = g_array_index (cell->lines, LineRange, cell->next).top;
          while (cell->next + k < n
                 && dy + g_array_index (cell->lines, LineRange, cell->next + k).bottom - base <= room + EPSILON)
            k++;
          if (row->keep_lines && cell->next + k < n)
            {
              /* No line left alone at the bottom or the top of a page;
               * three lines or fewer move together */
              if (n <= 3 || (cell->next == 0 && k < 2))
                k = cell->next == 0 ? 0 : k;
              else if (k > 0 && n - (cell->next + k) < 2)
                k = k > 2 ? k - 1 : (cell->next == 0 ? 0 : k);
            }
          row->cells[i].count = k;
          if (k > 0)
            any = TRUE;
        }

      if (!any)
        {
          if (!flow_at_top (flow))
            {
              row_start_page (flow, row);
              continue;
            }
          /* Not even one line fits on an empty page: place one anyway,
           * so this always ends */
          for (guint i = 0; i < row->n_cells; i++)
            if (row->cells[i].next < row->cells[i].lines->len)
              row->cells[i].count = 1;
        }

      for (guint i = 0; i < row->n_cells; i++)
        {
          Cell *cell = &row->cells[i];
          double dy;

          if (row->cells[i].count == 0)
            continue;
          dy = cell->next == 0 ? cell->dy : 0;
          fragment = MAX (fragment,
                          dy + g_array_index (cell->lines, LineRange, cell->next + row->cells[i].count - 1).bottom
                          - g_array_index (cell->lines, LineRange, cell->next).top);
        }

      if (row->decorate != NULL)
        row->decorate (flow, flow->y, row->pad_top + fragment + row->pad_bottom, row->data);
      for (guint i = 0; i < row->n_cells; i++)
        {
          Cell *cell = &row->cells[i];

          if (row->cells[i].count == 0)
            continue;
          flow_add_lines (flow, cell->layout, cell->x,
                          flow->y + row->pad_top + (cell->next == 0 ? cell->dy : 0),
                          &cell->color, cell->next, row->cells[i].count);
          cell->next += row->cells[i].count;
        }
      flow->y += row->pad_top + fragment + row->pad_bottom;
      started = TRUE;

      for (guint i = 0; i < row->n_cells; i++)
        if (row->cells[i].next < row->cells[i].lines->len)
          done = FALSE;
      if (done)
        break;
      row_start_page (flow, row);
    }

  g_assert (started);
}

/* ----------------------------------------------------------- blocks --- */

static double
heading_space_above (guint level)
{
  return level == 1 ? 24 : level == 2 ? 16 : 10;
}

static double
heading_space_below (guint level)
{
  return level == 1 ? 10 : level == 2 ? 6 : 4;
}

static double
block_space_above (const PfReportBlock *block)
{
  switch (block->kind)
    {
    case PF_REPORT_BLOCK_HEADING:
      return heading_space_above (block->level);
    case PF_REPORT_BLOCK_TABLE:
    case PF_REPORT_BLOCK_CODE:
    case PF_REPORT_BLOCK_FACTS:
      return 4;
    case PF_REPORT_BLOCK_NOTICE:
      return 6;
    case PF_REPORT_BLOCK_PARAGRAPH:
    case PF_REPORT_BLOCK_LIST:
    default:
      return 0;
    }
}

/* Text of a paragraph, with the look of its style */
static void
paragraph_row (Flow                *flow,
               const PfReportBlock *block,
               Row                 *row)
{
  PfReportPages *self = flow->self;
  Font font = FONT_BODY;
  const Rgba *color = &color_text;
  PangoLayout *layout;

  if (block->style == PF_REPORT_TEXT_LEAD)
    font = FONT_LEAD;
  else if (block->style == PF_REPORT_TEXT_NOTE)
    {
      font = FONT_NOTE;
      color = &color_muted;
    }
  layout = new_layout (self, font, block->text, flow->width, PANGO_ALIGN_LEFT);
  if (block->style != PF_REPORT_TEXT_NOTE)
    pango_layout_set_line_spacing (layout, 1.15);
  row_add (row, layout, flow->left, color);
  row->split = TRUE;
  row->keep_lines = TRUE;
}

#define BULLET_INDENT 14.0

static void
list_item_row (Flow       *flow,
               const char *item,
               Row        *row)
{
  PfReportPages *self = flow->self;
  PangoLayout *text;

  row_add (row, new_layout (self, FONT_BODY, "•", 0, PANGO_ALIGN_LEFT), flow->left + 3, &color_muted);
  text = new_layout (self, FONT_BODY, item, flow->width - BULLET_INDENT, PANGO_ALIGN_LEFT);
  pango_layout_set_line_spacing (text, 1.15);
  row_add (row, text, flow->left + BULLET_INDENT, &color_text);
  row->pad_bottom = 3;
  row->split = TRUE;
}

#define FACT_LABEL_SHARE 0.3

static void
fact_row (Flow               *flow,
          const PfReportFact *fact,
          Font                value_font,
          Row                *row)
{
  PfReportPages *self = flow->self;
  double label_width = (int) (flow->width * FACT_LABEL_SHARE);
  const Rgba *color = &tone_text[fact->tone];
  Font font = fact->monospace ? FONT_MONO_FACT : value_font;

  if (fact->tone != PF_REPORT_TONE_NEUTRAL && !fact->monospace)
    font = FONT_BODY_BOLD;
  row_add (row, new_layout (self, FONT_LABEL, fact->label, label_width - 10, PANGO_ALIGN_LEFT),
           flow->left, &color_muted);
  if (fact->monospace)
    {
      g_autofree char *value = dup_breakable (fact->value);

      row_add (row, new_layout (self, font, value, flow->width - label_width, PANGO_ALIGN_LEFT),
               flow->left + label_width, color);
    }
  else
    row_add (row, new_layout (self, font, fact->value, flow->width - label_width, PANGO_ALIGN_LEFT),
             flow->left + label_width, color);
  row_align_baselines (row);
  row->pad_top = 2.5;
  row->pad_bottom = 2.5;
}

/* --- tables --- */

/* A table cell's layout. Reports repeat cells ("Blocker", who fixes what)
 * thousands of times: each distinct one is shaped once while the pages
 * are laid out, and drawn wherever it appears. A new reference. */
static PangoLayout *
cell_layout (PfReportPages *self,
             Font           font,
             const char    *text,
             double         width,
             gboolean       numeric)
{
  g_autofree char *key = g_strdup_printf ("%d|%d|%d|%s", font, (int) (width * PANGO_SCALE), numeric, text);
  PangoLayout *layout = g_hash_table_lookup (self->cells, key);

  if (layout != NULL)
    return g_object_ref (layout);

  if (font == FONT_MONO_CELL)
    {
      g_autofree char *breakable = dup_breakable (text);

      layout = new_layout (self, font, breakable, width, numeric ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    }
  else
    layout = new_layout (self, font, text, width, numeric ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  /* Figures of one width, so counts line up */
  if (numeric && font != FONT_CELL_HEADER)
    layout_add_attribute (layout, pango_attr_font_features_new ("tnum 1"));
  g_hash_table_insert (self->cells, g_steal_pointer (&key), g_object_ref (layout));

  return layout;
}

#define CELL_PAD_X      5.0
#define CELL_PAD_Y      4.0
#define TONE_BAR        3.0

typedef struct
{
  PfReportPages *self;
  const PfReportBlock *block;
  double        *x;         /* column left edges, n_columns + 1 */
  Row            header;
  double         header_height;
  PfReportTone   row_tone;
} Table;

static double
table_cell_left (Table *table,
                 guint  column)
{
  return table->x[column] + CELL_PAD_X + (column == 0 ? TONE_BAR + 1 : 0);
}

static double
table_cell_width (Table *table,
                  guint  column)
{
  return MAX (4.0, table->x[column + 1] - CELL_PAD_X - table_cell_left (table, column));
}

static void
table_init (Table               *table,
            Flow                *flow,
            const PfReportBlock *block)
{
  guint n = block->columns->len;
  double total = 0, x = flow->left;

  table->self = flow->self;
  table->block = block;
  table->x = g_new0 (double, n + 1);
  for (guint i = 0; i < n; i++)
    total += ((PfReportColumn *) g_ptr_array_index (block->columns, i))->width;
  for (guint i = 0; i < n; i++)
    {
      table->x[i] = x;
      x += flow->width * ((PfReportColumn *) g_ptr_array_index (block->columns, i))->width / total;
    }
  table->x[n] = flow->left + flow->width;

  for (guint i = 0; i < n; i++)
    {
      PfReportColumn *column = g_ptr_array_index (block->columns, i);

      row_add (&table->header,
               cell_layout (flow->self, FONT_CELL_HEADER, column->title, table_cell_width (table, i),
                            column->numeric),
               table_cell_left (table, i), &color_text);
    }
  table->header.pad_top = CELL_PAD_Y + 0.5;
  table->header.pad_bottom = CELL_PAD_Y;
  table->header_height = table->header.pad_top + row_content_height (&table->header) + table->header.pad_bottom;
}

static void
table_clear (Table *table)
{
  g_free (table->x);
  row_clear (&table->header);
}

static double
table_width (Table *table)
{
  return table->x[table->block->columns->len] - table->x[0];
}

static void
table_place_header (Flow    *flow,
                    gpointer data)
{
  Table *table = data;

  flow_add_rect (flow, table->x[0], flow->y, table_width (table), table->header_height, &color_shade);
  for (guint i = 0; i < table->header.n_cells; i++)
    flow_add_text (flow, table->header.cells[i].layout, table->header.cells[i].x,
                   flow->y + table->header.pad_top, &table->header.cells[i].color);
  flow_add_rect (flow, table->x[0], flow->y + table->header_height - 0.75, table_width (table), 0.75,
                 &color_rule_strong);
  flow->y += table->header_height;
}

static void
table_decorate_row (Flow     *flow,
                    double    y,
                    double    height,
                    gpointer  data)
{
  Table *table = data;

  if (table->row_tone != PF_REPORT_TONE_NEUTRAL)
    flow_add_rect (flow, table->x[0], y, TONE_BAR, height - 0.5, &tone_fill[table->row_tone]);
  flow_add_rect (flow, table->x[0], y + height - 0.5, table_width (table), 0.5, &color_rule);
}

static void
table_row (Table             *table,
           const PfReportRow *source,
           Row               *row)
{
  const PfReportBlock *block = table->block;

  for (guint i = 0; i < block->columns->len; i++)
    {
      PfReportColumn *column = g_ptr_array_index (block->columns, i);
      Font font = column->monospace ? FONT_MONO_CELL : FONT_CELL;
      PangoLayout *layout;

      layout = cell_layout (table->self, font, source->cells[i], table_cell_width (table, i), column->numeric);
      row_add (row, layout, table_cell_left (table, i), &color_text);
    }
  row_align_baselines (row);
  row->pad_top = CELL_PAD_Y;
  row->pad_bottom = CELL_PAD_Y;
  row->decorate = table_decorate_row;
  row->continued = table_place_header;
  row->data = table;
}

/* --- code and notices --- */

#define BOX_PAD 8.0

static void
code_decorate (Flow     *flow,
               double    y,
               double    height,
               gpointer  data)
{
  Item *border;

  flow_add_rect (flow, flow->left, y, flow->width, height, &color_shade);
  border = flow_add (flow, ITEM_RECT);
  border->x = flow->left + 0.25;
  border->y = y + 0.25;
  border->width = flow->width - 0.5;
  border->height = height - 0.5;
  border->line_width = 0.5;
  border->color = color_rule_strong;
}

static void
code_row (Flow                *flow,
          const PfReportBlock *block,
          Row                 *row)
{
  g_autofree char *text = g_strdup (block->text != NULL ? block->text : "");
  gsize len = strlen (text);

  /* A trailing newline would add an empty line to the box */
  while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
    text[--len] = '\0';
  row_add (row, new_layout (flow->self, FONT_MONO, text, flow->width - 2 * BOX_PAD, PANGO_ALIGN_LEFT),
           flow->left + BOX_PAD, &color_text);
  row->pad_top = BOX_PAD - 1;
  row->pad_bottom = BOX_PAD - 1;
  row->decorate = code_decorate;
  row->split = TRUE;
  row->keep_lines = TRUE;
}

#define NOTICE_BAR 4.0
#define NOTICE_PAD 10.0

static void
notice_decorate (Flow     *flow,
                 double    y,
                 double    height,
                 gpointer  data)
{
  const PfReportBlock *block = data;
  Rgba tint = tone_fill[block->tone];

  tint.a = 0.1;
  flow_add_rect (flow, flow->left, y, flow->width, height, &tint);
  flow_add_rect (flow, flow->left, y, NOTICE_BAR, height, &tone_fill[block->tone]);
}

static void
notice_row (Flow                *flow,
            const PfReportBlock *block,
            Row                 *row)
{
  g_autoptr(GString) text = g_string_new (NULL);
  PangoLayout *layout;
  guint title_len = 0;

  if (block->caption != NULL && *block->caption != '\0')
    {
      g_string_append (text, block->caption);
      title_len = text->len;
      if (block->text != NULL && *block->text != '\0')
        g_string_append_c (text, '\n');
    }
  if (block->text != NULL)
    g_string_append (text, block->text);

  layout = new_layout (flow->self, FONT_BODY, text->str,
                       flow->width - NOTICE_BAR - 2 * NOTICE_PAD, PANGO_ALIGN_LEFT);
  pango_layout_set_line_spacing (layout, 1.15);
  if (title_len > 0)
    {
      PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

      bold->start_index = 0;
      bold->end_index = title_len;
      layout_add_attribute (layout, bold);
    }
  row_add (row, layout, flow->left + NOTICE_BAR + NOTICE_PAD, &color_text);
  row->pad_top = NOTICE_PAD - 1;
  row->pad_bottom = NOTICE_PAD;
  row->decorate = notice_decorate;
  row->data = (gpointer) block;
}

/* --- headings --- */

#define H2_MARKER 12.0

typedef struct
{
  PangoLayout *text;
  double       text_x;
  double       height;   /* with the rule under a level 1 heading */
} Heading;

static void
heading_init (Heading             *heading,
              Flow                *flow,
              const PfReportBlock *block,
              guint                chapter)
{
  PfReportPages *self = flow->self;
  Font font = block->level == 1 ? FONT_H1 : block->level == 2 ? FONT_H2 : FONT_H3;
  double indent = 0;

  if (block->level == 1)
    {
      /* "3<tab>Integrity findings" in one layout, so the number and the
       * words read back as one line; wrapped lines hang under the words */
      g_autofree char *text = g_strdup_printf ("%u\t%s", chapter, block->text != NULL ? block->text : "");
      g_autofree char *number = g_strdup_printf ("%u", chapter);
      PangoTabArray *tabs;
      PangoAttribute *muted;

      indent = chapter < 10 ? 24 : chapter < 100 ? 32 : 42;
      heading->text = new_layout (self, font, text, flow->width, PANGO_ALIGN_LEFT);
      tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, (int) indent);
      pango_layout_set_tabs (heading->text, tabs);
      pango_tab_array_free (tabs);
      pango_layout_set_indent (heading->text, (int) (-indent * PANGO_SCALE));
      muted = pango_attr_foreground_new (color_muted.r * 65535, color_muted.g * 65535, color_muted.b * 65535);
      muted->start_index = 0;
      muted->end_index = strlen (number);
      layout_add_attribute (heading->text, muted);
      heading->text_x = flow->left;
    }
  else
    {
      if (block->level == 2 && block->tone != PF_REPORT_TONE_NEUTRAL)
        indent = H2_MARKER;
      heading->text_x = flow->left + indent;
      heading->text = new_layout (self, font, block->text, flow->width - indent, PANGO_ALIGN_LEFT);
    }
  heading->height = layout_height (heading->text);
  if (block->level == 1)
    heading->height += 6 + 0.75;
}

static void
heading_clear (Heading *heading)
{
  g_clear_object (&heading->text);
}

/* How much of block @index must fit below a heading before it, so the
 * heading does not end a page */
static double
block_lead_height (Flow             *flow,
                   PfReportDocument *document,
                   guint             index,
                   guint             depth)
{
  const PfReportBlock *block;
  Row row = { 0, };
  double height = 0;

  if (index >= pf_report_document_get_n_blocks (document))
    return 0;
  block = pf_report_document_get_block (document, index);
  if (block->new_page)
    return 0;

  switch (block->kind)
    {
    case PF_REPORT_BLOCK_HEADING:
      {
        Heading heading;

        heading_init (&heading, flow, block, flow->chapter + 1);
        height = heading.height;
        heading_clear (&heading);
        if (depth < 2)
          height += heading_space_below (block->level) + block_lead_height (flow, document, index + 1, depth + 1);
        return height;
      }

    case PF_REPORT_BLOCK_PARAGRAPH:
      paragraph_row (flow, block, &row);
      break;

    case PF_REPORT_BLOCK_LIST:
      if (block->items[0] == NULL)
        return 0;
      list_item_row (flow, block->items[0], &row);
      break;

    case PF_REPORT_BLOCK_FACTS:
      if (block->facts->len == 0)
        return 0;
      fact_row (flow, g_ptr_array_index (block->facts, 0), FONT_BODY, &row);
      break;

    case PF_REPORT_BLOCK_TABLE:
      {
        Table table = { 0, };

        if (block->columns->len == 0)
          return 0;
        table_init (&table, flow, block);
        if (block->caption != NULL)
          {
            g_autoptr(PangoLayout) caption = new_layout (flow->self, FONT_CAPTION, block->caption,
                                                         flow->width, PANGO_ALIGN_LEFT);

            height += layout_height (caption) + 4;
          }
        height += table.header_height;
        if (block->rows->len > 0)
          {
            table_row (&table, g_ptr_array_index (block->rows, 0), &row);
            height += row_lead_height (flow, &row, table.header_height);
            row_clear (&row);
          }
        table_clear (&table);
        return height;
      }

    case PF_REPORT_BLOCK_CODE:
      if (block->caption != NULL)
        {
          g_autoptr(PangoLayout) caption = new_layout (flow->self, FONT_CODE_CAPTION, block->caption,
                                                       flow->width, PANGO_ALIGN_LEFT);

          height += layout_height (caption) + 4;
        }
      code_row (flow, block, &row);
      break;

    case PF_REPORT_BLOCK_NOTICE:
      notice_row (flow, block, &row);
      break;

    default:
      return 0;
    }

  height += row_lead_height (flow, &row, 0);
  row_clear (&row);

  return height;
}

static void
flow_heading (Flow                *flow,
              PfReportDocument    *document,
              guint                index)
{
  PfReportPages *self = flow->self;
  const PfReportBlock *block = pf_report_document_get_block (document, index);
  Heading heading;
  double lead, y;

  if (block->level == 1)
    flow->chapter++;
  heading_init (&heading, flow, block, flow->chapter);
  lead = block_lead_height (flow, document, index + 1, 0);

  flow_begin (flow, heading_space_above (block->level));
  if (!flow_fits (flow, heading.height + heading_space_below (block->level) + lead) && !flow_at_top (flow))
    flow_new_page (flow);

  y = flow->y;
  if (block->level == 1)
    {
      OutlineEntry entry;

      flow_add_text (flow, heading.text, heading.text_x, y, &color_text);
      flow_add_rect (flow, flow->left, y + heading.height - 0.75, flow->width, 0.75, &color_rule);

      entry.text = g_strdup_printf ("%u %s", flow->chapter, block->text != NULL ? block->text : "");
      entry.page = self->pages->len - 1;
      entry.y = y;
      g_array_append_val (self->outline, entry);
    }
  else
    {
      if (block->level == 2 && block->tone != PF_REPORT_TONE_NEUTRAL)
        {
          /* A dot in the finding's severity, centred on the first line's x-height */
          Item *dot = flow_add (flow, ITEM_CIRCLE);
          double baseline = layout_baseline (heading.text);

          dot->x = flow->left + 4;
          dot->y = y + baseline - 4.2;
          dot->width = 4;
          dot->color = tone_fill[block->tone];
        }
      flow_add_text (flow, heading.text, heading.text_x, y, &color_text);
    }

  flow->y = y + heading.height;
  /* What follows sits close under the heading, whatever space it asks above */
  flow_end (flow, heading_space_below (block->level));
  flow->after_heading = TRUE;
  heading_clear (&heading);
}

static void
flow_row_block (Flow                *flow,
                const PfReportBlock *block,
                Row                 *row,
                double               space_below)
{
  flow_begin (flow, block_space_above (block));
  flow_place_row (flow, row, 0);
  row_clear (row);
  flow_end (flow, space_below);
}

static void
flow_table (Flow                *flow,
            PfReportDocument    *document,
            guint                index)
{
  const PfReportBlock *block = pf_report_document_get_block (document, index);
  Table table = { 0, };
  g_autoptr(PangoLayout) caption = NULL;
  double lead;

  if (block->columns->len == 0)
    return;

  table_init (&table, flow, block);
  lead = block_lead_height (flow, document, index, 0);
  flow_begin (flow, block_space_above (block));
  if (!flow_fits (flow, lead) && !flow_at_top (flow))
    flow_new_page (flow);

  if (block->caption != NULL)
    {
      caption = new_layout (flow->self, FONT_CAPTION, block->caption, flow->width, PANGO_ALIGN_LEFT);
      flow_add_text (flow, caption, flow->left, flow->y, &color_text);
      flow->y += layout_height (caption) + 4;
    }
  table_place_header (flow, &table);

  for (guint i = 0; i < block->rows->len; i++)
    {
      const PfReportRow *source = g_ptr_array_index (block->rows, i);
      Row row = { 0, };

      table.row_tone = source->tone;
      table_row (&table, source, &row);
      flow_place_row (flow, &row, table.header_height);
      row_clear (&row);
    }

  table_clear (&table);
  flow_end (flow, 12);
}

static void
flow_code (Flow             *flow,
           PfReportDocument *document,
           guint             index)
{
  const PfReportBlock *block = pf_report_document_get_block (document, index);
  Row row = { 0, };
  double lead = block_lead_height (flow, document, index, 0);

  flow_begin (flow, block_space_above (block));
  if (!flow_fits (flow, lead) && !flow_at_top (flow))
    flow_new_page (flow);
  if (block->caption != NULL)
    {
      g_autoptr(PangoLayout) caption = new_layout (flow->self, FONT_CODE_CAPTION, block->caption,
                                                   flow->width, PANGO_ALIGN_LEFT);

      flow_add_text (flow, caption, flow->left, flow->y, &color_text);
      flow->y += layout_height (caption) + 4;
    }
  code_row (flow, block, &row);
  flow_place_row (flow, &row, 0);
  row_clear (&row);
  flow_end (flow, 12);
}

static void
flow_block (Flow             *flow,
            PfReportDocument *document,
            guint             index)
{
  const PfReportBlock *block = pf_report_document_get_block (document, index);
  Row row = { 0, };

  if (block->new_page && !(flow_at_top (flow) && flow->page->items->len == 0))
    flow_new_page (flow);

  switch (block->kind)
    {
    case PF_REPORT_BLOCK_HEADING:
      flow_heading (flow, document, index);
      break;

    case PF_REPORT_BLOCK_PARAGRAPH:
      paragraph_row (flow, block, &row);
      flow_row_block (flow, block, &row, block->style == PF_REPORT_TEXT_LEAD ? 10 : 7);
      break;

    case PF_REPORT_BLOCK_LIST:
      flow_begin (flow, block_space_above (block));
      for (guint i = 0; block->items[i] != NULL; i++)
        {
          list_item_row (flow, block->items[i], &row);
          flow_place_row (flow, &row, 0);
          row_clear (&row);
        }
      flow_end (flow, 7);
      break;

    case PF_REPORT_BLOCK_FACTS:
      flow_begin (flow, block_space_above (block));
      for (guint i = 0; i < block->facts->len; i++)
        {
          fact_row (flow, g_ptr_array_index (block->facts, i), FONT_BODY, &row);
          flow_place_row (flow, &row, 0);
          row_clear (&row);
        }
      flow_end (flow, 9);
      break;

    case PF_REPORT_BLOCK_TABLE:
      flow_table (flow, document, index);
      break;

    case PF_REPORT_BLOCK_CODE:
      flow_code (flow, document, index);
      break;

    case PF_REPORT_BLOCK_NOTICE:
      notice_row (flow, block, &row);
      flow_row_block (flow, block, &row, 12);
      break;

    default:
      break;
    }
}

/* ------------------------------------------------------------ cover --- */

static gboolean
cover_is_empty (PfReportCover *cover)
{
  return cover->title == NULL && cover->connection == NULL && cover->verdict == NULL
         && cover->facts->len == 0;
}

static void
cover_decorate_fact (Flow     *flow,
                     double    y,
                     double    height,
                     gpointer  data)
{
  flow_add_rect (flow, flow->left, y + height - 0.5, flow->width, 0.5, &color_rule);
}

static void
flow_cover (Flow          *flow,
            PfReportCover *cover)
{
  PfReportPages *self = flow->self;

  if (cover->product != NULL)
    {
      g_autoptr(PangoLayout) product = new_layout (self, FONT_PRODUCT, cover->product, flow->width,
                                                   PANGO_ALIGN_LEFT);

      flow_add_text (flow, product, flow->left, flow->y, &color_muted);
      flow->y += layout_height (product);
      flow_add_rect (flow, flow->left, flow->y + 6, 28, 2.5, &tone_fill[cover->verdict_tone]);
      flow->y += 76;
    }
  else
    flow->y += 24;

  if (cover->title != NULL)
    {
      g_autoptr(PangoLayout) title = new_layout (self, FONT_TITLE, cover->title, flow->width, PANGO_ALIGN_LEFT);

      flow_add_text (flow, title, flow->left, flow->y, &color_text);
      flow->y += layout_height (title) + 8;
    }

  if (cover->connection != NULL || cover->environment != NULL)
    {
      g_autoptr(PangoLayout) connection = NULL;
      double x = flow->left, line_height = 0;

      if (cover->connection != NULL)
        {
          connection = new_layout (self, FONT_CONNECTION, cover->connection, flow->width, PANGO_ALIGN_LEFT);
          flow_add_text (flow, connection, flow->left, flow->y, &color_text);
          line_height = layout_height (connection);
          x += layout_width (connection) + 12;
        }

      if (cover->environment != NULL)
        {
          g_autoptr(PangoLayout) pill = new_layout (self, FONT_PILL, cover->environment, 0, PANGO_ALIGN_LEFT);
          double pill_w = layout_width (pill) + 18, pill_h = layout_height (pill) + 5;
          double pill_y;
          Item *box;

          /* On the connection's line when it has room, else under it */
          if (connection == NULL || pango_layout_get_line_count (connection) > 1
              || x + pill_w > flow->left + flow->width)
            {
              x = flow->left;
              flow->y += line_height + 6;
              line_height = pill_h;
              pill_y = flow->y;
            }
          else
            /* Centred on the connection's text */
            pill_y = flow->y + layout_baseline (connection) - 5.8 - pill_h / 2;

          box = flow_add (flow, ITEM_RECT);
          box->x = x;
          box->y = pill_y;
          box->width = pill_w;
          box->height = pill_h;
          box->radius = pill_h / 2;
          box->color = tone_fill[cover->environment_tone];
          flow_add_text (flow, pill, x + 9, pill_y + 2.5, &tone_on_fill[cover->environment_tone]);
        }
      flow->y += line_height;
    }

  flow->y += 30;

  if (cover->verdict != NULL)
    {
      g_autoptr(PangoLayout) verdict = NULL;
      g_autoptr(PangoLayout) sentence = NULL;
      const double pad = 26;
      double height;
      Item *panel;

      verdict = new_layout (self, FONT_VERDICT, cover->verdict, flow->width - 2 * pad, PANGO_ALIGN_LEFT);
      height = pad + layout_height (verdict) + pad - 4;
      if (cover->verdict_sentence != NULL)
        {
          sentence = new_layout (self, FONT_VERDICT_SENTENCE, cover->verdict_sentence,
                                 flow->width - 2 * pad, PANGO_ALIGN_LEFT);
          pango_layout_set_line_spacing (sentence, 1.15);
          height += 4 + layout_height (sentence);
        }

      panel = flow_add (flow, ITEM_RECT);
      panel->x = flow->left;
      panel->y = flow->y;
      panel->width = flow->width;
      panel->height = height;
      panel->radius = 10;
      panel->color = tone_fill[cover->verdict_tone];

      flow_add_text (flow, verdict, flow->left + pad, flow->y + pad - 4, &tone_on_fill[cover->verdict_tone]);
      if (sentence != NULL)
        flow_add_text (flow, sentence, flow->left + pad, flow->y + pad - 4 + layout_height (verdict) + 4,
                       &tone_on_fill[cover->verdict_tone]);
      flow->y += height + 30;
    }

  if (cover->facts->len > 0)
    {
      flow_add_rect (flow, flow->left, flow->y, flow->width, 0.5, &color_rule);
      for (guint i = 0; i < cover->facts->len; i++)
        {
          Row row = { 0, };

          fact_row (flow, g_ptr_array_index (cover->facts, i), FONT_BODY, &row);
          row.pad_top = 7;
          row.pad_bottom = 7;
          row.decorate = cover_decorate_fact;
          flow_place_row (flow, &row, 0);
          row_clear (&row);
        }
    }
}

/* ------------------------------------------------------------- type --- */

static void
pf_report_pages_finalize (GObject *object)
{
  PfReportPages *self = PF_REPORT_PAGES (object);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->outline, g_array_unref);
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_clear_object (&self->contexts[0]);
  g_clear_object (&self->contexts[1]);
  g_clear_object (&self->font_map);
  g_clear_object (&self->document);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (pf_report_pages_parent_class)->finalize (object);
}

static void
pf_report_pages_class_init (PfReportPagesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_report_pages_finalize;
}

static void
pf_report_pages_init (PfReportPages *self)
{
  cairo_font_options_t *options;

  g_mutex_init (&self->mutex);
  self->pages = g_ptr_array_new_with_free_func (page_free);
  self->outline = g_array_new (FALSE, TRUE, sizeof (OutlineEntry));
  g_array_set_clear_func (self->outline, outline_entry_clear);

  /* Our own font map: the default one belongs to the thread that asked */
  self->font_map = pango_cairo_font_map_new ();
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  for (guint i = 0; i < G_N_ELEMENTS (self->contexts); i++)
    {
      PangoContext *context = pango_font_map_create_context (self->font_map);

      pango_cairo_context_set_resolution (context, 72);
      pango_cairo_context_set_font_options (context, options);
      pango_context_set_round_glyph_positions (context, FALSE);
      pango_context_set_base_dir (context, i == 0 ? PANGO_DIRECTION_LTR : PANGO_DIRECTION_RTL);
      self->contexts[i] = context;
    }
  cairo_font_options_destroy (options);

  for (guint i = 0; i < N_FONTS; i++)
    self->fonts[i] = pango_font_description_from_string (font_names[i]);
}

PfReportPages *
pf_report_pages_new (PfReportDocument *document,
                     PfReportPaper     paper,
                     GCancellable     *cancellable,
                     GError          **error)
{
  g_autoptr(PfReportPages) self = NULL;
  PfReportCover *cover;
  Flow flow = { 0, };
  guint n_blocks;

  g_return_val_if_fail (PF_IS_REPORT_DOCUMENT (document), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  self = g_object_new (PF_TYPE_REPORT_PAGES, NULL);
  self->document = g_object_ref (document);
  self->paper = paper;
  pf_report_paper_get_size (paper, &self->width, &self->height);

  g_mutex_lock (&self->mutex);

  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  flow.self = self;
  flow.left = MARGIN;
  flow.width = self->width - 2 * MARGIN;
  flow.top = MARGIN;
  flow.bottom = self->height - MARGIN;

  cover = pf_report_document_get_cover (document);
  self->has_cover = !cover_is_empty (cover);
  flow_new_page (&flow);
  if (self->has_cover)
    {
      flow_cover (&flow, cover);
      flow_new_page (&flow);
    }

  n_blocks = pf_report_document_get_n_blocks (document);
  for (guint i = 0; i < n_blocks; i++)
    {
      if (i % 64 == 0 && g_cancellable_is_cancelled (cancellable))
        break;
      flow_block (&flow, document, i);
    }

  g_clear_pointer (&self->cells, g_hash_table_unref);

  /* A trailing empty page (a document with no blocks after its cover) */
  if (self->pages->len > 1 && ((Page *) g_ptr_array_index (self->pages, self->pages->len - 1))->items->len == 0)
    g_ptr_array_remove_index (self->pages, self->pages->len - 1);

  g_mutex_unlock (&self->mutex);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

PfReportDocument *
pf_report_pages_get_document (PfReportPages *self)
{
  g_return_val_if_fail (PF_IS_REPORT_PAGES (self), NULL);

  return self->document;
}

PfReportPaper
pf_report_pages_get_paper (PfReportPages *self)
{
  g_return_val_if_fail (PF_IS_REPORT_PAGES (self), PF_REPORT_PAPER_A4);

  return self->paper;
}

guint
pf_report_pages_get_n_pages (PfReportPages *self)
{
  g_return_val_if_fail (PF_IS_REPORT_PAGES (self), 0);

  return self->pages->len;
}

/* ---------------------------------------------------------- drawing --- */

static void
set_color (cairo_t    *cr,
           const Rgba *color)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_lines (cairo_t    *cr,
            const Item *item)
{
  PangoLayoutIter *iter = pango_layout_get_iter (item->layout);
  int index = 0;
  double first_top = 0;

  do
    {
      if (index >= item->first_line + item->n_lines)
        break;
      if (index >= item->first_line)
        {
          PangoRectangle logical;
          int top, baseline;

          pango_layout_iter_get_line_yrange (iter, &top, NULL);
          if (index == item->first_line)
            first_top = (double) top / PANGO_SCALE;
          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          baseline = pango_layout_iter_get_baseline (iter);
          cairo_move_to (cr, item->x + (double) logical.x / PANGO_SCALE,
                         item->y + (double) baseline / PANGO_SCALE - first_top);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      index++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_item (cairo_t    *cr,
           const Item *item)
{
  set_color (cr, &item->color);

  switch (item->kind)
    {
    case ITEM_RECT:
      if (item->radius > 0)
        rounded_rectangle (cr, item->x, item->y, item->width, item->height, item->radius);
      else
        cairo_rectangle (cr, item->x, item->y, item->width, item->height);
      if (item->line_width > 0)
        {
          cairo_set_line_width (cr, item->line_width);
          cairo_stroke (cr);
        }
      else
        cairo_fill (cr);
      break;

    case ITEM_CIRCLE:
      cairo_new_sub_path (cr);
      cairo_arc (cr, item->x, item->y, item->width, 0, 2 * G_PI);
      cairo_fill (cr);
      break;

    case ITEM_TEXT:
      if (item->first_line < 0)
        {
          cairo_move_to (cr, item->x, item->y);
          pango_cairo_show_layout (cr, item->layout);
        }
      else
        draw_lines (cr, item);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
draw_page_locked (PfReportPages *self,
                  cairo_t       *cr,
                  guint          index)
{
  Page *page = g_ptr_array_index (self->pages, index);
  double content_width = self->width - 2 * MARGIN;
  g_autofree char *footer = NULL;
  g_autoptr(PangoLayout) footer_layout = NULL;

  cairo_save (cr);

  /* The running header, on every page but the cover */
  if (!(self->has_cover && index == 0))
    {
      const char *header = pf_report_document_get_header (self->document);
      const char *title = pf_report_document_get_title (self->document);
      g_autoptr(PangoLayout) left = NULL;
      g_autoptr(PangoLayout) right = NULL;
      double right_width = 0;

      if (title != NULL)
        {
          right = new_layout (self, FONT_SMALL, title, 0, PANGO_ALIGN_LEFT);
          right_width = layout_width (right);
          if (right_width > content_width * 0.45)
            {
              right_width = content_width * 0.45;
              pango_layout_set_width (right, (int) (right_width * PANGO_SCALE));
              pango_layout_set_ellipsize (right, PANGO_ELLIPSIZE_END);
            }
          set_color (cr, &color_muted);
          cairo_move_to (cr, MARGIN + content_width - right_width, HEADER_BASELINE - layout_baseline (right));
          pango_cairo_show_layout (cr, right);
        }
      if (header != NULL)
        {
          left = new_layout (self, FONT_SMALL, header, content_width - right_width - 16, PANGO_ALIGN_LEFT);
          pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
          set_color (cr, &color_muted);
          cairo_move_to (cr, MARGIN, HEADER_BASELINE - layout_baseline (left));
          pango_cairo_show_layout (cr, left);
        }
      if (header != NULL || title != NULL)
        {
          set_color (cr, &color_rule);
          cairo_rectangle (cr, MARGIN, HEADER_BASELINE + 6, content_width, 0.5);
          cairo_fill (cr);
        }
    }

  for (guint i = 0; i < page->items->len; i++)
    draw_item (cr, &g_array_index (page->items, Item, i));

  /* TRANSLATORS: the footer of every page of the PDF report: "Page 2 of 14" */
  footer = g_strdup_printf (_("Page %u of %u"), index + 1, self->pages->len);
  footer_layout = new_layout (self, FONT_SMALL, footer, content_width, PANGO_ALIGN_RIGHT);
  set_color (cr, &color_muted);
  cairo_move_to (cr, MARGIN, self->height - MARGIN + FOOTER_GAP - layout_baseline (footer_layout));
  pango_cairo_show_layout (cr, footer_layout);

  cairo_restore (cr);
}

void
pf_report_pages_draw_page (PfReportPages *self,
                           cairo_t       *cr,
                           guint          index)
{
  g_return_if_fail (PF_IS_REPORT_PAGES (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (index < self->pages->len);

  g_mutex_lock (&self->mutex);
  draw_page_locked (self, cr, index);
  g_mutex_unlock (&self->mutex);
}

cairo_surface_t *
pf_report_pages_render_image (PfReportPages *self,
                              guint          index,
                              int            width_px)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  int height_px;

  g_return_val_if_fail (PF_IS_REPORT_PAGES (self), NULL);
  g_return_val_if_fail (index < self->pages->len, NULL);
  g_return_val_if_fail (width_px > 0, NULL);

  /* Not round(): the engine does not link libm */
  height_px = (int) (width_px * self->height / self->width + 0.5);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width_px, MAX (height_px, 1));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, width_px / self->width, width_px / self->width);
  pf_report_pages_draw_page (self, cr, index);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* --------------------------------------------------------------- PDF --- */

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} PdfWriter;

static cairo_status_t
pdf_write (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  PdfWriter *writer = closure;

  if (writer->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (writer->stream, data, length, NULL, writer->cancellable, &writer->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

gboolean
pf_report_pages_write_pdf (PfReportPages  *self,
                           GOutputStream  *stream,
                           GCancellable   *cancellable,
                           GError        **error)
{
  PdfWriter writer = { stream, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  GDateTime *created;
  const char *title, *author;

  g_return_val_if_fail (PF_IS_REPORT_PAGES (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (pdf_write, &writer, self->width, self->height);

  title = pf_report_document_get_title (self->document);
  author = pf_report_document_get_author (self->document);
  created = pf_report_document_get_created (self->document);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Preflight " PACKAGE_VERSION);
  if (created != NULL)
    {
      g_autofree char *date = g_date_time_format (created, "%Y-%m-%dT%H:%M:%S%:z");

      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
    }

  cr = cairo_create (surface);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->pages->len && writer.error == NULL; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &writer.error))
        break;
      cairo_pdf_surface_set_size (surface, self->width, self->height);
      draw_page_locked (self, cr, i);
      cairo_show_page (cr);
    }
  g_mutex_unlock (&self->mutex);

  if (writer.error == NULL)
    for (guint i = 0; i < self->outline->len; i++)
      {
        const OutlineEntry *entry = &g_array_index (self->outline, OutlineEntry, i);
        g_autofree char *link = g_strdup_printf ("page=%u pos=[%d %d]", entry->page + 1,
                                                 (int) MARGIN, (int) entry->y);

        cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, entry->text, link, 0);
      }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (writer.error != NULL)
    {
      g_propagate_error (error, writer.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* TRANSLATORS: %s is cairo's reason, in English */
                   _("Could not draw the PDF report: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}
