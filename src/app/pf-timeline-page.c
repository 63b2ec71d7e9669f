/* pf-timeline-page.c — the migrations: what will run next, what ran before
 *
 * One list (a GtkListView, so thousands of migrations scroll without a
 * widget each): the Next deployment with its summary line, the problems of
 * the history as a whole, the pending migrations in the order they will
 * run, then the history grouped into deployments, newest first, each
 * expanding to its migrations. Selecting a line shows its detail beside
 * the list, or instead of it in a narrow window (AdwLeaflet).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-timeline-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pf-application.h"
#include "pf-migration-detail.h"
#include "pf-timeline-page.h"
#include "pf-timeline-row.h"
#include "pf-window.h"

/* Wait this long after the last change in the project folder before
 * reading it again: an editor or `git checkout` writes many files */
#define RESCAN_DELAY_MS 1000

struct _PfTimelinePage
{
  GtkWidget            parent_instance;

  PfDatabase          *database;
  PfSchema            *schema;
  char                *project_dir;

  GCancellable        *cancellable;
  PfMigrationAnalysis *analysis;
  PfTimeline          *timeline;
  gboolean             loading;
  gboolean             project_missing;

  /* The list */
  GListStore          *root;
  GtkTreeListModel    *tree;
  GtkSingleSelection  *selection;
  GtkCustomFilter     *child_filter;
  GtkStringList       *apps;
  /* Filters as the user set them; NULL / FALSE when off */
  char                *filter_app;
  char                *filter_text;
  gboolean             filter_problems;
  /* What to select again after a reload: "kind\x1fapp\x1fname\x1ftitle" */
  char                *reselect_key;

  /* Watching the project folder */
  GPtrArray           *monitors;
  guint                rescan_source;

  /* Template widgets */
  AdwLeaflet          *leaflet;
  GtkLabel            *status_label;
  GtkWidget           *filter_box;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *app_dropdown;
  GtkToggleButton     *problems_toggle;
  GtkWidget           *no_project_box;
  GtkLabel            *no_project_label;
  GtkStack            *main_stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_status;
  GtkListView         *list_view;
  GtkWidget           *back_button;
  GtkStack            *detail_stack;
  PfMigrationDetail   *detail;
};

G_DEFINE_FINAL_TYPE (PfTimelinePage, pf_timeline_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

enum {
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void pf_timeline_page_load (PfTimelinePage *self);

/* ---- the profile ------------------------------------------------------------ */

static PfConnectionProfile *
get_profile (PfTimelinePage *self)
{
  return self->database != NULL ? pf_database_get_profile (self->database) : NULL;
}

static PfProfileStore *
get_store (void)
{
  GApplication *app = g_application_get_default ();

  return PF_IS_APPLICATION (app) ? pf_application_get_profile_store (PF_APPLICATION (app)) : NULL;
}

/* Whether the profile is one of the saved connections (not a file opened
 * once, not the demo) */
static gboolean
profile_is_saved (PfTimelinePage *self)
{
  PfConnectionProfile *profile = get_profile (self);
  PfProfileStore *store = get_store ();

  return profile != NULL && store != NULL &&
         pf_profile_store_find_by_id (store, pf_connection_profile_get_id (profile)) == profile;
}

static void
save_profile (PfTimelinePage *self)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!profile_is_saved (self))
    return;

  if (pf_profile_store_save (get_store (), &error))
    return;

  if (PF_IS_WINDOW (root))
    pf_window_add_toast (PF_WINDOW (root), adw_toast_new (error->message));
  else
    g_warning ("%s", error->message);
}

/* ---- the list ------------------------------------------------------------- */

static char *
dup_entry_key (PfTimelineEntry *entry)
{
  return g_strdup_printf ("%d\x1f%s\x1f%s\x1f%s", pf_timeline_entry_get_kind (entry),
                          pf_timeline_entry_get_app (entry) != NULL ? pf_timeline_entry_get_app (entry) : "",
                          pf_timeline_entry_get_name (entry) != NULL ? pf_timeline_entry_get_name (entry) : "",
                          pf_timeline_entry_get_title (entry));
}

static gboolean
entry_passes (PfTimelinePage  *self,
              PfTimelineEntry *entry)
{
  return pf_timeline_entry_matches (entry, self->filter_app, self->filter_text, self->filter_problems);
}

static gboolean
filters_active (PfTimelinePage *self)
{
  return self->filter_app != NULL || self->filter_text != NULL || self->filter_problems;
}

static gboolean
child_filter_func (gpointer item,
                   gpointer user_data)
{
  return entry_passes (user_data, item);
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  PfTimelinePage *self = user_data;
  GListModel *children = pf_timeline_entry_get_children (item);

  if (children == NULL)
    return NULL;

  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (children),
                                                  g_object_ref (GTK_FILTER (self->child_filter))));
}

/* Appends the entries of @model that pass the filters; returns how many */
static guint
append_passing (PfTimelinePage *self,
                GListModel     *model)
{
  guint n = g_list_model_get_n_items (model), added = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PfTimelineEntry) entry = g_list_model_get_item (model, i);

      if (entry_passes (self, entry))
        {
          g_list_store_append (self->root, entry);
          added++;
        }
    }

  return added;
}

static void
append_heading (PfTimelinePage *self,
                const char     *title,
                const char     *subtitle)
{
  g_autoptr(PfTimelineEntry) heading = pf_timeline_entry_new_heading (title, subtitle);

  g_list_store_append (self->root, heading);
}

static void
rebuild_list (PfTimelinePage *self)
{
  guint n_shown = 0;

  g_list_store_remove_all (self->root);
  gtk_filter_changed (GTK_FILTER (self->child_filter), GTK_FILTER_CHANGE_DIFFERENT);
  /* Searching shows the migrations inside deployments at once */
  gtk_tree_list_model_set_autoexpand (self->tree, filters_active (self));

  if (self->timeline == NULL)
    return;

  if (pf_migration_analysis_get_source (self->analysis) != NULL)
    {
      g_autofree char *next = pf_timeline_dup_next_summary (self->timeline);
      g_autofree char *problems = pf_timeline_dup_problems_summary (self->timeline);
      g_autofree char *subtitle = problems != NULL ? g_strdup_printf ("%s. %s", next, problems)
                                                   : g_steal_pointer (&next);

      append_heading (self, _("Next Deployment"), subtitle);
      n_shown += append_passing (self, pf_timeline_get_problems (self->timeline));
      n_shown += append_passing (self, pf_timeline_get_pending (self->timeline));
    }
  else if (g_list_model_get_n_items (pf_timeline_get_problems (self->timeline)) > 0)
    {
      g_autofree char *problems = pf_timeline_dup_problems_summary (self->timeline);

      append_heading (self, _("Problems"), problems);
      n_shown += append_passing (self, pf_timeline_get_problems (self->timeline));
    }

  {
    g_autofree char *history = pf_timeline_dup_history_summary (self->timeline);

    append_heading (self, _("History"), history);
    n_shown += append_passing (self, pf_timeline_get_deployments (self->timeline));
  }

  /* The newest deployment open, as "what happened last time" */
  if (!filters_active (self))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);
          g_autoptr(PfTimelineEntry) entry = gtk_tree_list_row_get_item (row);

          if (pf_timeline_entry_get_kind (entry) == PF_TIMELINE_ENTRY_DEPLOYMENT)
            {
              gtk_tree_list_row_set_expanded (row, TRUE);
              break;
            }
        }
    }

  gtk_stack_set_visible_child_name (self->main_stack, n_shown > 0 || !filters_active (self)
                                                      ? "timeline" : "no-matches");
}

/* The row of @entry in the flattened list, expanding its deployment;
 * G_MAXUINT when it is not listed */
static guint
find_position (PfTimelinePage  *self,
               PfTimelineEntry *entry)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);
      g_autoptr(PfTimelineEntry) item = gtk_tree_list_row_get_item (row);
      GListModel *children;

      if (item == entry)
        return i;

      children = pf_timeline_entry_get_children (item);
      if (children != NULL && !gtk_tree_list_row_get_expanded (row))
        {
          guint n_children = g_list_model_get_n_items (children);

          for (guint c = 0; c < n_children; c++)
            {
              g_autoptr(PfTimelineEntry) child = g_list_model_get_item (children, c);

              if (child == entry)
                {
                  gtk_tree_list_row_set_expanded (row, TRUE);
                  n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));
                  break;
                }
            }
        }
    }

  return G_MAXUINT;
}

/* The entry that matches @key (dup_entry_key) after a reload */
static PfTimelineEntry *
find_by_key (PfTimelinePage *self,
             const char     *key)
{
  g_auto(GStrv) parts = g_strsplit (key, "\x1f", 4);
  PfTimelineEntry *entry;

  if (g_strv_length (parts) != 4)
    return NULL;

  if (*parts[2] != '\0')
    {
      entry = pf_timeline_lookup (self->timeline, *parts[1] != '\0' ? parts[1] : NULL, parts[2]);
      return entry != NULL && (int) pf_timeline_entry_get_kind (entry) == atoi (parts[0]) ? entry : NULL;
    }

  /* Deployments and problems by title */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->root)); i++)
    {
      g_autoptr(PfTimelineEntry) item = g_list_model_get_item (G_LIST_MODEL (self->root), i);
      g_autofree char *item_key = dup_entry_key (item);

      if (g_str_equal (item_key, key))
        return item;
    }

  return NULL;
}

static void
show_detail (PfTimelinePage  *self,
             PfTimelineEntry *entry)
{
  if (entry == NULL || pf_timeline_entry_get_kind (entry) == PF_TIMELINE_ENTRY_HEADING)
    {
      pf_migration_detail_set_entry (self->detail, NULL, NULL, NULL, FALSE);
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  pf_migration_detail_set_entry (self->detail, self->timeline, entry, get_profile (self),
                                 profile_is_saved (self));
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

static void
selection_changed_cb (PfTimelinePage *self)
{
  g_autoptr(PfTimelineEntry) entry = NULL;
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);

  if (row != NULL)
    entry = gtk_tree_list_row_get_item (row);

  if (entry != pf_migration_detail_get_entry (self->detail))
    show_detail (self, entry);
}

static void
show_detail_pane (PfTimelinePage *self)
{
  if (pf_timeline_page_get_selected (self) != NULL)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Enter or a double click on a line: in a narrow window, show its detail
 * instead of the list; otherwise open or close a deployment, or move the
 * focus into the detail */
static void
list_activate_cb (PfTimelinePage *self,
                  guint           position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  g_autoptr(PfTimelineEntry) entry = gtk_tree_list_row_get_item (row);

  if (pf_timeline_entry_get_kind (entry) == PF_TIMELINE_ENTRY_HEADING)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  if (adw_leaflet_get_folded (self->leaflet))
    show_detail_pane (self);
  else if (gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
  else
    /* From the list into the detail, for the keyboard */
    gtk_widget_child_focus (GTK_WIDGET (self->detail), GTK_DIR_TAB_FORWARD);
}

static gboolean
show_detail_pane_idle (gpointer user_data)
{
  PfTimelinePage *self = user_data;

  show_detail_pane (self);
  return G_SOURCE_REMOVE;
}

/* A single click in a narrow window opens the detail too, once the list
 * has selected the row (after this handler) */
static void
row_released_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 PfTimelinePage  *self)
{
  if (n_press == 1 && adw_leaflet_get_folded (self->leaflet))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_detail_pane_idle, g_object_ref (self), g_object_unref);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PfTimelinePage           *self)
{
  GtkWidget *row = pf_timeline_row_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect (click, "released", G_CALLBACK (row_released_cb), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             PfTimelinePage           *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  g_autoptr(PfTimelineEntry) entry = gtk_tree_list_row_get_item (row);
  gboolean heading = pf_timeline_entry_get_kind (entry) == PF_TIMELINE_ENTRY_HEADING;

  gtk_list_item_set_selectable (item, !heading);
  gtk_list_item_set_activatable (item, !heading);
  pf_timeline_row_bind (PF_TIMELINE_ROW (gtk_list_item_get_child (item)), row);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PfTimelinePage           *self)
{
  pf_timeline_row_bind (PF_TIMELINE_ROW (gtk_list_item_get_child (item)), NULL);
}

/* ---- filters ------------------------------------------------------------- */

static void
filters_changed_cb (PfTimelinePage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint app_position = gtk_drop_down_get_selected (self->app_dropdown);
  g_autoptr(PfTimelineEntry) selected = NULL;

  if (pf_timeline_page_get_selected (self) != NULL)
    selected = g_object_ref (pf_timeline_page_get_selected (self));

  g_clear_pointer (&self->filter_text, g_free);
  g_clear_pointer (&self->filter_app, g_free);
  if (text != NULL && *text != '\0')
    self->filter_text = g_strdup (text);
  /* The first choice is "All Apps" */
  if (app_position != GTK_INVALID_LIST_POSITION && app_position > 0)
    self->filter_app = g_strdup (gtk_string_list_get_string (self->apps, app_position));
  self->filter_problems = gtk_toggle_button_get_active (self->problems_toggle);

  if (self->timeline == NULL)
    return;

  rebuild_list (self);
  /* Keep the detail of what was selected when it is still listed */
  if (selected != NULL)
    {
      guint position = find_position (self, selected);

      if (position != G_MAXUINT)
        gtk_single_selection_set_selected (self->selection, position);
    }
}

static void
fill_apps (PfTimelinePage *self)
{
  g_auto(GStrv) apps = self->timeline != NULL ? pf_timeline_dup_apps (self->timeline) : NULL;
  g_autofree char *keep = g_strdup (self->filter_app);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->apps));
  guint selected = 0;

  gtk_string_list_splice (self->apps, 1, n - 1, (const char * const *) apps);
  for (guint i = 0; apps != NULL && apps[i] != NULL; i++)
    if (g_strcmp0 (apps[i], keep) == 0)
      selected = i + 1;
  gtk_drop_down_set_selected (self->app_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->app_dropdown), apps != NULL && g_strv_length (apps) > 1);
}

/* ---- watching the project folder ------------------------------------------- */

static gboolean
rescan_cb (gpointer user_data)
{
  PfTimelinePage *self = user_data;

  self->rescan_source = 0;
  g_debug ("The project folder changed; reading it again");
  pf_timeline_page_load (self);

  return G_SOURCE_REMOVE;
}

/* Only Python files and folders (an app, its migrations) matter: not
 * compiled files, editors' backups, hidden folders, nor a db.sqlite3 in
 * the project that a running server keeps writing */
static gboolean
is_project_file (GFile *file)
{
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

  if (name == NULL || g_str_has_prefix (name, ".") || g_str_equal (name, "__pycache__") ||
      g_str_has_suffix (name, "~"))
    return FALSE;

  return g_str_has_suffix (name, ".py") || strchr (name, '.') == NULL;
}

static void
project_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    PfTimelinePage    *self)
{
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT)
    return;
  /* Editors save through a temporary file renamed over the real one */
  if (!is_project_file (file) && !is_project_file (other_file))
    return;

  g_clear_handle_id (&self->rescan_source, g_source_remove);
  self->rescan_source = g_timeout_add (RESCAN_DELAY_MS, rescan_cb, self);
}

static void
watch_folder (PfTimelinePage *self,
              const char     *path,
              GHashTable     *watched)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  GFileMonitor *monitor;

  if (!g_hash_table_add (watched, g_strdup (path)))
    return;

  folder = g_file_new_for_path (path);
  monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (monitor == NULL)
    {
      g_debug ("Not watching %s: %s", path, error->message);
      return;
    }

  g_signal_connect (monitor, "changed", G_CALLBACK (project_changed_cb), self);
  g_ptr_array_add (self->monitors, monitor);
}

static void
stop_watching (PfTimelinePage *self)
{
  for (guint i = 0; i < self->monitors->len; i++)
    {
      GFileMonitor *monitor = g_ptr_array_index (self->monitors, i);

      g_signal_handlers_disconnect_by_data (monitor, self);
      g_file_monitor_cancel (monitor);
    }
  g_ptr_array_set_size (self->monitors, 0);
  g_clear_handle_id (&self->rescan_source, g_source_remove);
}

/* The project folder and every migrations folder in it: a new, changed
 * or deleted migration shows without Refresh */
static void
watch_project (PfTimelinePage *self)
{
  PfMigrationSource *source = pf_migration_analysis_get_source (self->analysis);
  g_autoptr(GHashTable) watched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *migrations;

  stop_watching (self);
  if (source == NULL)
    return;

  watch_folder (self, pf_migration_source_get_project_dir (source), watched);
  migrations = pf_migration_source_get_migrations (source);
  for (guint i = 0; i < migrations->len; i++)
    {
      g_autofree char *folder = g_path_get_dirname (pf_migration_get_path (g_ptr_array_index (migrations, i)));

      watch_folder (self, folder, watched);
    }
}

/* ---- showing an analysis ----------------------------------------------------- */

/* The folder for people: ~/src/rota rather than /home/anna/src/rota */
static char *
dup_display_folder (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize len = home != NULL ? strlen (home) : 0;

  if (len > 1 && g_str_has_prefix (path, home) && (path[len] == '/' || path[len] == '\0'))
    {
      g_autofree char *rest = g_filename_display_name (path + len);

      return g_strconcat ("~", rest, NULL);
    }

  return g_filename_display_name (path);
}

static void
update_no_project_hint (PfTimelinePage *self)
{
  gboolean has_source = self->analysis != NULL && pf_migration_analysis_get_source (self->analysis) != NULL;

  if (self->project_missing)
    {
      g_autofree char *name = dup_display_folder (self->project_dir);
      g_autofree char *description =
        /* TRANSLATORS: %s is a folder */
        g_strdup_printf (_("The project folder “%s” is not there any more. Only the history stored in the database is shown; choose the folder that holds the project’s migrations to see what will run next."),
                         name);

      gtk_label_set_label (self->no_project_label, description);
    }
  else
    gtk_label_set_label (self->no_project_label,
                         _("Only the history stored in the database is shown. Choose the folder that holds the project’s migrations to see what will run next and whether it will work."));

  gtk_widget_set_visible (self->no_project_box, self->analysis != NULL && !has_source);
}

static void
show_analysis (PfTimelinePage *self)
{
  g_autofree char *reselect = g_steal_pointer (&self->reselect_key);
  PfTimelineEntry *entry;
  gint64 started = g_get_monotonic_time ();

  if (pf_migration_analysis_get_source (self->analysis) != NULL)
    {
      g_autofree char *name = dup_display_folder (self->project_dir);
      /* TRANSLATORS: %s is the folder of the project's migrations */
      g_autofree char *status = g_strdup_printf (_("Project: %s"), name);

      gtk_label_set_label (self->status_label, status);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), status);
    }
  else
    {
      gtk_label_set_label (self->status_label, _("The history only"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), NULL);
    }
  update_no_project_hint (self);

  fill_apps (self);
  gtk_widget_set_sensitive (self->filter_box, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  rebuild_list (self);
  watch_project (self);

  g_debug ("Timeline shown in %.0f ms", (g_get_monotonic_time () - started) / 1000.0);

  entry = reselect != NULL ? find_by_key (self, reselect) : NULL;
  if (entry != NULL)
    pf_timeline_page_select (self, entry);
  else
    show_detail (self, NULL);
}

/* ---- loading ------------------------------------------------------------- */

typedef struct
{
  PfTimelinePage *self;
  GCancellable   *cancellable;
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_clear_object (&request->self);
  g_clear_object (&request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadRequest, load_request_free)

static void
set_loading (PfTimelinePage *self,
             gboolean        loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.cancel", loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
finish_loading (PfTimelinePage *self,
                GError         *error)
{
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_status_page_set_description (self->error_status,
                                         _("Reading was stopped. Refresh to read the migrations again."));
      else
        adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
    }
  else
    show_analysis (self);

  g_signal_emit (self, signals[LOADED], 0);
}

/* Reviews are read on the main thread, where the profile lives */
static void
timeline_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_task_return_pointer (task, pf_timeline_new (task_data, NULL), g_object_unref);
}

static void
timeline_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LoadRequest) request = user_data;
  PfTimelinePage *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(PfTimeline) timeline = g_task_propagate_pointer (G_TASK (result), &error);

  if (request->cancellable != self->cancellable)
    return;

  if (timeline == NULL)
    {
      finish_loading (self, error);
      return;
    }

  g_set_object (&self->analysis, pf_timeline_get_analysis (timeline));
  g_set_object (&self->timeline, timeline);
  pf_timeline_apply_reviews (self->timeline, get_profile (self));
  finish_loading (self, NULL);
}

static void
analysis_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LoadRequest) request = user_data;
  PfTimelinePage *self = request->self;
  g_autoptr(PfMigrationAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;

  analysis = pf_migration_analysis_run_finish (result, &error);

  /* A newer load (or a clear) took over */
  if (request->cancellable != self->cancellable)
    return;

  if (analysis == NULL)
    {
      finish_loading (self, error);
      return;
    }

  /* Thousands of entries: built off the main thread too */
  {
    GCancellable *cancellable = request->cancellable;
    g_autoptr(GTask) task = g_task_new (NULL, cancellable, timeline_cb, g_steal_pointer (&request));

    g_task_set_source_tag (task, analysis_cb);
    g_task_set_task_data (task, g_steal_pointer (&analysis), g_object_unref);
    g_task_run_in_thread (task, timeline_thread);
  }
}

static void
start_analysis (LoadRequest *request)
{
  PfTimelinePage *self = request->self;
  const char *project_dir = self->project_dir;

  self->project_missing = FALSE;
  if (project_dir != NULL && !g_file_test (project_dir, G_FILE_TEST_IS_DIR))
    {
      self->project_missing = TRUE;
      project_dir = NULL;
    }

  pf_migration_analysis_run_async (self->database, self->schema, project_dir, NULL, NULL,
                                   request->cancellable, analysis_cb, request);
}

static void
demo_project_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  char *path = pf_demo_ensure_project (cancellable, &error);

  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

static void
demo_project_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LoadRequest *request = user_data;
  PfTimelinePage *self = request->self;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  path = g_task_propagate_pointer (G_TASK (result), &error);

  if (request->cancellable != self->cancellable)
    {
      load_request_free (request);
      return;
    }

  if (path == NULL)
    {
      finish_loading (self, error);
      load_request_free (request);
      return;
    }

  start_analysis (request);
}

static gboolean
is_demo_project (const char *project_dir)
{
  g_autofree char *demo = pf_demo_get_project_path ();

  return project_dir != NULL && g_strcmp0 (project_dir, demo) == 0;
}

static void
pf_timeline_page_load (PfTimelinePage *self)
{
  LoadRequest *request;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->database == NULL)
    {
      set_loading (self, FALSE);
      gtk_label_set_label (self->status_label, "");
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      update_no_project_hint (self);
      return;
    }

  /* Show the same line again after the reload */
  if (pf_timeline_page_get_selected (self) != NULL)
    {
      g_free (self->reselect_key);
      self->reselect_key = dup_entry_key (pf_timeline_page_get_selected (self));
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  gtk_label_set_label (self->status_label, _("Reading the migrations…"));
  /* A reload keeps the list in view until the new one is ready */
  if (self->timeline == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");

  request = g_new0 (LoadRequest, 1);
  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (self->cancellable);

  if (is_demo_project (self->project_dir))
    {
      g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, demo_project_cb, request);

      g_task_set_source_tag (task, pf_timeline_page_load);
      g_task_run_in_thread (task, demo_project_thread);
    }
  else
    start_analysis (request);
}

/* ---- public -------------------------------------------------------------- */

void
pf_timeline_page_set_contents (PfTimelinePage *self,
                               PfDatabase     *database,
                               PfSchema       *schema,
                               const char     *project_dir)
{
  g_return_if_fail (PF_IS_TIMELINE_PAGE (self));
  g_return_if_fail (database == NULL || PF_IS_DATABASE (database));

  stop_watching (self);
  g_set_object (&self->database, database);
  if (database == NULL)
    schema = NULL;
  g_set_object (&self->schema, schema);
  g_free (self->project_dir);
  self->project_dir = database != NULL ? g_strdup (project_dir) : NULL;
  g_clear_object (&self->analysis);
  g_clear_object (&self->timeline);
  g_clear_pointer (&self->reselect_key, g_free);
  g_list_store_remove_all (self->root);
  show_detail (self, NULL);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  /* Nothing to filter until the migrations are read */
  gtk_widget_set_sensitive (self->filter_box, FALSE);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.refresh", database != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.choose-project", database != NULL);
  pf_timeline_page_load (self);
}

void
pf_timeline_page_refresh (PfTimelinePage *self)
{
  g_return_if_fail (PF_IS_TIMELINE_PAGE (self));

  if (self->database != NULL)
    pf_timeline_page_load (self);
}

gboolean
pf_timeline_page_get_loading (PfTimelinePage *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_PAGE (self), FALSE);

  return self->loading;
}

PfMigrationAnalysis *
pf_timeline_page_get_analysis (PfTimelinePage *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_PAGE (self), NULL);

  return self->analysis;
}

PfTimeline *
pf_timeline_page_get_timeline (PfTimelinePage *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_PAGE (self), NULL);

  return self->timeline;
}

gboolean
pf_timeline_page_select (PfTimelinePage  *self,
                         PfTimelineEntry *entry)
{
  guint position;

  g_return_val_if_fail (PF_IS_TIMELINE_PAGE (self), FALSE);
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (entry), FALSE);

  position = find_position (self, entry);
  if (position == G_MAXUINT && filters_active (self))
    {
      /* A filter hides it: show everything again */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_drop_down_set_selected (self->app_dropdown, 0);
      gtk_toggle_button_set_active (self->problems_toggle, FALSE);
      position = find_position (self, entry);
    }
  if (position == G_MAXUINT)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  show_detail (self, entry);

  return TRUE;
}

PfTimelineEntry *
pf_timeline_page_get_selected (PfTimelinePage *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_PAGE (self), NULL);

  return pf_migration_detail_get_entry (self->detail);
}

GtkWidget *
pf_timeline_page_new (void)
{
  return g_object_new (PF_TYPE_TIMELINE_PAGE, NULL);
}

/* ---- detail callbacks -------------------------------------------------------- */

static void
detail_navigate_cb (PfTimelinePage  *self,
                    PfTimelineEntry *entry)
{
  pf_timeline_page_select (self, entry);
}

static void
detail_review_changed_cb (PfTimelinePage *self)
{
  save_profile (self);
}

/* ---- actions ------------------------------------------------------------- */

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  pf_timeline_page_refresh (PF_TIMELINE_PAGE (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PfTimelinePage *self = PF_TIMELINE_PAGE (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PfTimelinePage *self = PF_TIMELINE_PAGE (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
project_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   PfTimelinePage  *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;
  PfConnectionProfile *profile = get_profile (self);

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (folder != NULL)
    path = g_file_get_path (folder);
  g_object_unref (dialog);

  if (path == NULL || self->database == NULL)
    return;

  g_free (self->project_dir);
  self->project_dir = g_strdup (path);
  if (profile != NULL)
    {
      pf_connection_profile_set_project_dir (profile, path);
      save_profile (self);
    }
  pf_timeline_page_load (self);
}

static void
choose_project_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PfTimelinePage *self = PF_TIMELINE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose the Project Folder"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (project_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* F5 anywhere in the window while the page is showing */
static gboolean
refresh_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  PfTimelinePage *self = PF_TIMELINE_PAGE (widget);

  if (!gtk_widget_get_mapped (widget) || self->database == NULL)
    return FALSE;

  pf_timeline_page_refresh (self);
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------- */

static void
pf_timeline_page_dispose (GObject *object)
{
  PfTimelinePage *self = PF_TIMELINE_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->monitors != NULL)
    stop_watching (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_TIMELINE_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->root);
  g_clear_object (&self->child_filter);
  g_clear_object (&self->apps);
  g_clear_object (&self->timeline);
  g_clear_object (&self->analysis);
  g_clear_object (&self->schema);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (pf_timeline_page_parent_class)->dispose (object);
}

static void
pf_timeline_page_finalize (GObject *object)
{
  PfTimelinePage *self = PF_TIMELINE_PAGE (object);

  g_free (self->project_dir);
  g_free (self->filter_app);
  g_free (self->filter_text);
  g_free (self->reselect_key);
  g_clear_pointer (&self->monitors, g_ptr_array_unref);

  G_OBJECT_CLASS (pf_timeline_page_parent_class)->finalize (object);
}

static void
pf_timeline_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PfTimelinePage *self = PF_TIMELINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_timeline_page_class_init (PfTimelinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_timeline_page_dispose;
  object_class->finalize = pf_timeline_page_finalize;
  object_class->get_property = pf_timeline_page_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOADED] =
    g_signal_new ("loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (PF_TYPE_MIGRATION_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/pf-timeline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, app_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, problems_toggle);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, no_project_box);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, no_project_label);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, error_status);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, detail);
  gtk_widget_class_bind_template_callback (widget_class, detail_navigate_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_review_changed_cb);

  gtk_widget_class_install_action (widget_class, "timeline.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "timeline.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "timeline.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "timeline.choose-project", NULL, choose_project_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "timeline.back", NULL);
}

static void
pf_timeline_page_init (PfTimelinePage *self)
{
  GtkEventController *controller;
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->monitors = g_ptr_array_new_with_free_func (g_object_unref);

  /* The list: root entries, deployments expanding to their (filtered)
   * migrations, one selection that drives the detail */
  self->root = g_list_store_new (PF_TYPE_TIMELINE_ENTRY);
  self->child_filter = gtk_custom_filter_new (child_filter_func, self, NULL);
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (g_object_ref (self->root)), FALSE, FALSE,
                                        create_children_cb, self, NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->tree)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (list_activate_cb), self);

  /* Filters */
  self->apps = gtk_string_list_new ((const char * const []) { _("All Apps"), NULL });
  gtk_drop_down_set_model (self->app_dropdown, G_LIST_MODEL (self->apps));
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->app_dropdown, "notify::selected", G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->problems_toggle, "toggled", G_CALLBACK (filters_changed_cb), self);

  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F5, 0),
                                                          gtk_callback_action_new (refresh_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.refresh", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.cancel", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.choose-project", FALSE);
  gtk_widget_set_sensitive (self->filter_box, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
}
