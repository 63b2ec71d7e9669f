/* pf-application.c — the Preflight application: single instance, app actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-application"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-application.h"
#include "pf-window.h"

struct _PfApplication
{
  AdwApplication  parent_instance;

  PfProfileStore *profile_store;
  char           *store_problem;
};

G_DEFINE_FINAL_TYPE (PfApplication, pf_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the bundled demo database"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, NULL },
  { NULL }
};

PfApplication *
pf_application_new (void)
{
  return g_object_new (PF_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       NULL);
}

PfProfileStore *
pf_application_get_profile_store (PfApplication *self)
{
  g_return_val_if_fail (PF_IS_APPLICATION (self), NULL);

  return self->profile_store;
}

char *
pf_application_take_store_problem (PfApplication *self)
{
  g_return_val_if_fail (PF_IS_APPLICATION (self), NULL);

  return g_steal_pointer (&self->store_problem);
}

/* A corrupt file is kept aside, never overwritten; the user is told where. */
static void
pf_application_load_profiles (PfApplication *self)
{
  g_autofree char *moved_to = NULL;
  g_autoptr(GError) error = NULL;

  self->profile_store = pf_profile_store_new (NULL);

  if (!pf_profile_store_load (self->profile_store, &moved_to, &error))
    {
      g_message ("%s", error->message);
      self->store_problem = g_strdup (error->message);
    }
  else if (moved_to != NULL)
    {
      g_autofree char *basename = g_path_get_basename (moved_to);

      /* Translators: %s is a file name such as “connections.json.corrupt-20261121-140200” */
      self->store_problem = g_strdup_printf (_("Your saved connections could not be read, so the file was kept as “%s” in the same folder and a new list was started"),
                                             basename);
    }
}

static PfWindow *
pf_application_ensure_window (PfApplication *self)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL || !PF_IS_WINDOW (window))
    window = GTK_WINDOW (pf_window_new (self));

  return PF_WINDOW (window);
}

static void
pf_application_activate (GApplication *app)
{
  PfApplication *self = PF_APPLICATION (app);

  gtk_window_present (GTK_WINDOW (pf_application_ensure_window (self)));
}

static int
pf_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  /* Everything else is handled by the primary instance in command_line(). */
  return -1;
}

static int
pf_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  PfApplication *self = PF_APPLICATION (app);
  GVariantDict *options;
  g_autofree const char **targets = NULL;
  gboolean demo = FALSE;
  PfWindow *window;

  options = g_application_command_line_get_options_dict (command_line);
  g_variant_dict_lookup (options, "demo", "b", &demo);
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &targets);

  if (demo && targets != NULL && targets[0] != NULL)
    {
      g_application_command_line_printerr (command_line, "%s\n",
                                           _("Give either --demo or a database, not both."));
      return 2;
    }

  if (targets != NULL && targets[0] != NULL && targets[1] != NULL)
    {
      g_application_command_line_printerr (command_line, "%s\n",
                                           _("Only one database can be opened at a time."));
      return 2;
    }

  window = pf_application_ensure_window (self);
  gtk_window_present (GTK_WINDOW (window));

  if (demo)
    {
      pf_window_open_demo (window);
    }
  else if (targets != NULL && targets[0] != NULL)
    {
      const char *target = targets[0];

      if (g_strstr_len (target, -1, "://") != NULL)
        {
          pf_window_open_target (window, target);
        }
      else
        {
          g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, target);

          pf_window_open_file (window, file);
        }
    }

  return 0;
}

static void
pf_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Primary>q", NULL } },
    { "app.help", { "F1", NULL } },
    { "win.open-file", { "<Primary>o", NULL } },
    { "win.close-database", { "<Primary>w", NULL } },
    { "win.add-connection", { "<Primary>n", NULL } },
    { "win.run-checks", { "<Primary>r", NULL } },
  };

  G_APPLICATION_CLASS (pf_application_parent_class)->startup (app);

  pf_application_load_profiles (PF_APPLICATION (app));

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           accels[i].action,
                                           accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
pf_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = NULL;

  /* Close the windows one by one rather than g_application_quit(), so each
   * window saves its size; the application ends with its last window. */
  windows = g_list_copy (gtk_application_get_windows (app));
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
pf_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { N_("The Preflight developers"), NULL };
  const char *translated_developers[] = { _(developers[0]), NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Preflight"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Tells you whether a database is ready for its migration or go-live, and what exactly is in the way"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", PACKAGE_WEBSITE,
                         "issue-url", PACKAGE_WEBSITE "/issues",
                         "developer-name", _("The Preflight developers"),
                         "developers", translated_developers,
                         "copyright", _("© 2026 The Preflight developers"),
                         /* Translators: Replace "translator-credits" with your names, one name per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
show_help_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PfWindow) window = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    {
      g_message ("Could not show the help: %s", error->message);
      pf_window_add_toast (window, adw_toast_new (_("Could not open the help. Is the Help app (Yelp) installed?")));
    }
}

static void
pf_application_help_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  PfApplication *self = PF_APPLICATION (user_data);
  PfWindow *window = pf_application_ensure_window (self);

  gtk_show_uri_full (GTK_WINDOW (window), "help:preflight", GDK_CURRENT_TIME,
                     NULL, show_help_cb, g_object_ref (window));
}

static const GActionEntry app_actions[] = {
  { "quit", pf_application_quit_action },
  { "about", pf_application_about_action },
  { "help", pf_application_help_action },
};

static void
pf_application_finalize (GObject *object)
{
  PfApplication *self = PF_APPLICATION (object);

  g_clear_object (&self->profile_store);
  g_clear_pointer (&self->store_problem, g_free);

  G_OBJECT_CLASS (pf_application_parent_class)->finalize (object);
}

static void
pf_application_class_init (PfApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = pf_application_finalize;

  app_class->activate = pf_application_activate;
  app_class->startup = pf_application_startup;
  app_class->command_line = pf_application_command_line;
  app_class->handle_local_options = pf_application_handle_local_options;
}

static void
pf_application_init (PfApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[FILE|URL]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Check whether a database is ready for its migration or go-live."));
}
