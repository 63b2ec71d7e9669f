-- demo.sql — the bundled "staff rota" demo database for Preflight
--
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A SQLite database shaped like a real Django deployment (app "scheduling",
-- custom user model keyed by six-digit SAP numbers) that has lived through
-- years of legacy imports and faked migrations. Everything is deterministic:
-- rows come from recursive CTEs and arithmetic, never random().
--
-- The engine (src/engine/pf-demo.c) loads this file with foreign keys off and
-- inside one transaction. By hand:  sqlite3 demo.sqlite3 < demo.sql
--
-- Valid rows
--   scheduling_carehome                8    scheduling_unit                  40
--   scheduling_user                1,500    scheduling_shift             12,000
--   scheduling_supervisionrecord   2,400    scheduling_accesslog          6,000
--   scheduling_careplanreview      1,800    scheduling_staffprofile       1,750
--   scheduling_leaveentitlement    3,500    scheduling_leavetransaction  10,500
--   scheduling_sicknessrecord        942    scheduling_user_groups        1,500
--   django_migrations                 41    (see "Migration history" below)
--   (row counts above include the planted rows below)
--
-- Planted problems (asserted exactly by tests/test-demo.c; PRAGMA
-- foreign_key_check reports exactly these 494 rows and nothing else)
--   1. scheduling_supervisionrecord.supervisor_id = 'ADMIN001'      2 rows
--      (ids 17 and 1187): the old shared admin account, deleted in 2020.
--   2. scheduling_accesslog.user_id = 'ADMIN001'                   150 rows
--      (every id divisible by 40). A further 25 rows have user_id NULL
--      (anonymous failed logins): NULL is not an orphan.
--   3. scheduling_staffprofile.user_id with no such user           300 rows
--      ids 1451–1720: '200001'…'200270', leavers deleted from the user table;
--      ids 1721–1750: '101471 '…'101500 ' (trailing space from a CSV import;
--      the users exist without the space).
--      Hanging from those 300 profiles (not orphans themselves, but they go
--      when the profiles go): 600 scheduling_leaveentitlement rows
--      (ids 2901–3500) and 1,800 scheduling_leavetransaction rows
--      (ids 8701–10500).
--   4. scheduling_sicknessrecord.profile_id with no such profile    42 rows
--      (ids 901–942, profile_id 9001–9042: old HR system ids never remapped).
--
-- Migration drift (for the migration checks): django_migrations records
-- scheduling 0012–0020 as applied in the same second (faked), but
-- 0017_shift_is_overtime and 0018_staffcertification never ran:
-- scheduling_shift has no is_overtime column and there is no
-- scheduling_staffcertification table.

PRAGMA foreign_keys = OFF;

-- ---------------------------------------------------------------- schema --

CREATE TABLE "django_migrations" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" datetime NOT NULL);
CREATE TABLE "django_content_type" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app_label" varchar(100) NOT NULL, "model" varchar(100) NOT NULL);
CREATE TABLE "auth_group" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(150) NOT NULL UNIQUE);
CREATE TABLE "auth_permission" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "codename" varchar(100) NOT NULL, "name" varchar(255) NOT NULL);
CREATE TABLE "auth_group_permissions" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED, "permission_id" integer NOT NULL REFERENCES "auth_permission" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "django_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, "session_data" text NOT NULL, "expire_date" datetime NOT NULL);

CREATE TABLE "scheduling_user" ("password" varchar(128) NOT NULL, "last_login" datetime NULL, "is_superuser" bool NOT NULL, "sap" varchar(6) NOT NULL PRIMARY KEY, "first_name" varchar(150) NOT NULL, "last_name" varchar(150) NOT NULL, "email" varchar(254) NOT NULL, "role" varchar(20) NOT NULL, "is_staff" bool NOT NULL, "is_active" bool NOT NULL, "date_joined" datetime NOT NULL);
CREATE TABLE "scheduling_user_groups" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" varchar(6) NOT NULL REFERENCES "scheduling_user" ("sap") DEFERRABLE INITIALLY DEFERRED, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "django_admin_log" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "action_time" datetime NOT NULL, "object_id" text NULL, "object_repr" varchar(200) NOT NULL, "change_message" text NOT NULL, "content_type_id" integer NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" varchar(6) NOT NULL REFERENCES "scheduling_user" ("sap") DEFERRABLE INITIALLY DEFERRED, "action_flag" smallint unsigned NOT NULL CHECK ("action_flag" >= 0));
CREATE TABLE "scheduling_carehome" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL UNIQUE, "code" varchar(10) NOT NULL UNIQUE, "address" text NOT NULL, "beds" integer unsigned NOT NULL CHECK ("beds" >= 0), "is_active" bool NOT NULL);
CREATE TABLE "scheduling_unit" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL, "code" varchar(12) NOT NULL UNIQUE, "capacity" integer unsigned NOT NULL CHECK ("capacity" >= 0), "is_active" bool NOT NULL, "carehome_id" bigint NOT NULL REFERENCES "scheduling_carehome" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "scheduling_shift" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "date" date NOT NULL, "start_time" time NOT NULL, "end_time" time NOT NULL, "shift_type" varchar(10) NOT NULL, "status" varchar(12) NOT NULL, "notes" text NOT NULL, "created_at" datetime NOT NULL, "unit_id" bigint NOT NULL REFERENCES "scheduling_unit" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" varchar(6) NOT NULL REFERENCES "scheduling_user" ("sap") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "scheduling_supervisionrecord" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "date" date NOT NULL, "kind" varchar(20) NOT NULL, "notes" text NOT NULL, "next_due" date NULL, "supervisee_id" varchar(6) NOT NULL REFERENCES "scheduling_user" ("sap") DEFERRABLE INITIALLY DEFERRED, "supervisor_id" varchar(6) NOT NULL REFERENCES "scheduling_user" ("sap") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "scheduling_accesslog" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "action" varchar(20) NOT NULL, "ip_address" char(39) NULL, "timestamp" datetime NOT NULL, "user_agent" text NOT NULL, "user_id" varchar(6) NULL REFERENCES "scheduling_user" ("sap") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "scheduling_careplanreview" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "resident_name" varchar(100) NOT NULL, "resident_ref" varchar(12) NOT NULL, "review_date" date NOT NULL, "outcome" varchar(20) NOT NULL, "next_review_date" date NULL, "reviewer_id" varchar(6) NOT NULL REFERENCES "scheduling_user" ("sap") DEFERRABLE INITIALLY DEFERRED, "unit_id" bigint NOT NULL REFERENCES "scheduling_unit" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "scheduling_staffprofile" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "job_title" varchar(50) NOT NULL, "contracted_hours" decimal NOT NULL, "employment_type" varchar(12) NOT NULL, "start_date" date NOT NULL, "unit_id" bigint NULL REFERENCES "scheduling_unit" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" varchar(6) NOT NULL UNIQUE REFERENCES "scheduling_user" ("sap") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "scheduling_leaveentitlement" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "leave_year" integer NOT NULL, "days_entitled" decimal NOT NULL, "days_carried_over" decimal NOT NULL, "created_at" datetime NOT NULL, "profile_id" bigint NOT NULL REFERENCES "scheduling_staffprofile" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "scheduling_leavetransaction" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "date" date NOT NULL, "days" decimal NOT NULL, "kind" varchar(12) NOT NULL, "note" text NOT NULL, "approved_by_id" varchar(6) NULL REFERENCES "scheduling_user" ("sap") DEFERRABLE INITIALLY DEFERRED, "entitlement_id" bigint NOT NULL REFERENCES "scheduling_leaveentitlement" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "scheduling_sicknessrecord" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "start_date" date NOT NULL, "end_date" date NULL, "reason" varchar(40) NOT NULL, "self_certified" bool NOT NULL, "profile_id" bigint NOT NULL REFERENCES "scheduling_staffprofile" ("id") DEFERRABLE INITIALLY DEFERRED);

-- ------------------------------------------------------- helper tables --

-- 1…12000, reused by every generated table; temporary, so not in the file.
CREATE TEMP TABLE "_n" ("i" integer PRIMARY KEY);
WITH RECURSIVE "seq" ("i") AS (SELECT 1 UNION ALL SELECT "i" + 1 FROM "seq" WHERE "i" < 12000)
INSERT INTO "_n" SELECT "i" FROM "seq";

CREATE TEMP TABLE "_first" ("k" integer PRIMARY KEY, "name" text NOT NULL);
INSERT INTO "_first" VALUES
  (0, 'Aisha'), (1, 'Ben'), (2, 'Chloe'), (3, 'Dariusz'), (4, 'Eilidh'), (5, 'Fatima'),
  (6, 'Grace'), (7, 'Hamish'), (8, 'Ifeoma'), (9, 'James'), (10, 'Kirsty'), (11, 'Liam'),
  (12, 'Mairi'), (13, 'Nadia'), (14, 'Owen'), (15, 'Priya'), (16, 'Rhona'), (17, 'Sean'),
  (18, 'Tomasz'), (19, 'Una'), (20, 'Victoria'), (21, 'William'), (22, 'Yusuf'), (23, 'Zofia'),
  (24, 'Agnieszka'), (25, 'Callum'), (26, 'Deborah'), (27, 'Euan'), (28, 'Fiona'), (29, 'Gareth'),
  (30, 'Heather'), (31, 'Isla'), (32, 'Joseph'), (33, 'Kwame'), (34, 'Lorna'), (35, 'Mohammed'),
  (36, 'Niamh'), (37, 'Patricia'), (38, 'Ross'), (39, 'Siobhan');
CREATE TEMP TABLE "_last" ("k" integer PRIMARY KEY, "name" text NOT NULL);
INSERT INTO "_last" VALUES
  (0, 'Anderson'), (1, 'Boateng'), (2, 'Campbell'), (3, 'Doherty'), (4, 'Evans'), (5, 'Fraser'),
  (6, 'Gallagher'), (7, 'Hussain'), (8, 'Ibrahim'), (9, 'Johnston'), (10, 'Kowalski'), (11, 'Lindsay'),
  (12, 'MacDonald'), (13, 'Nowak'), (14, 'O''Neill'), (15, 'Patel'), (16, 'Quinn'), (17, 'Robertson'),
  (18, 'Stewart'), (19, 'Thomson'), (20, 'Usman'), (21, 'Vasquez'), (22, 'Wilson'), (23, 'Young'),
  (24, 'Ahmed'), (25, 'Brown'), (26, 'Clark'), (27, 'Duncan'), (28, 'Ferguson'), (29, 'Grant'),
  (30, 'Hamilton'), (31, 'Kerr'), (32, 'McLean'), (33, 'Murray'), (34, 'Okafor'), (35, 'Reid'),
  (36, 'Scott'), (37, 'Taylor'), (38, 'Walker'), (39, 'Zielinski');

-- ------------------------------------------------------------ django --

INSERT INTO "django_content_type" ("id", "app_label", "model") VALUES
  (1, 'admin', 'logentry'), (2, 'auth', 'permission'), (3, 'auth', 'group'),
  (4, 'contenttypes', 'contenttype'), (5, 'sessions', 'session'),
  (6, 'scheduling', 'user'), (7, 'scheduling', 'carehome'), (8, 'scheduling', 'unit'),
  (9, 'scheduling', 'shift'), (10, 'scheduling', 'supervisionrecord'),
  (11, 'scheduling', 'accesslog'), (12, 'scheduling', 'careplanreview'),
  (13, 'scheduling', 'staffprofile'), (14, 'scheduling', 'leaveentitlement'),
  (15, 'scheduling', 'leavetransaction'), (16, 'scheduling', 'sicknessrecord');

-- add/change/delete/view for every model, in Django's order
INSERT INTO "auth_permission" ("id", "content_type_id", "codename", "name")
SELECT ("ct"."id" - 1) * 4 + "a"."k", "ct"."id", "a"."verb" || '_' || "ct"."model",
       'Can ' || "a"."verb" || ' ' || "ct"."model"
FROM "django_content_type" AS "ct"
CROSS JOIN (SELECT 1 AS "k", 'add' AS "verb" UNION ALL SELECT 2, 'change'
            UNION ALL SELECT 3, 'delete' UNION ALL SELECT 4, 'view') AS "a";

INSERT INTO "auth_group" ("id", "name") VALUES
  (1, 'Care staff'), (2, 'Senior carers'), (3, 'Unit managers'), (4, 'HR'), (5, 'Rota admins');

-- Care staff view the rota; managers change shifts; HR owns leave and sickness.
INSERT INTO "auth_group_permissions" ("group_id", "permission_id")
SELECT "g", "p" FROM (
  SELECT 1 AS "g", 36 AS "p" UNION ALL SELECT 2, 36 UNION ALL SELECT 2, 40
  UNION ALL SELECT 3, 33 UNION ALL SELECT 3, 34 UNION ALL SELECT 3, 35 UNION ALL SELECT 3, 36
  UNION ALL SELECT 3, 38 UNION ALL SELECT 3, 40 UNION ALL SELECT 4, 49 UNION ALL SELECT 4, 50
  UNION ALL SELECT 4, 52 UNION ALL SELECT 4, 53 UNION ALL SELECT 4, 54 UNION ALL SELECT 4, 56
  UNION ALL SELECT 4, 57 UNION ALL SELECT 4, 58 UNION ALL SELECT 4, 60 UNION ALL SELECT 4, 61
  UNION ALL SELECT 4, 62 UNION ALL SELECT 4, 64 UNION ALL SELECT 5, 33 UNION ALL SELECT 5, 34
  UNION ALL SELECT 5, 35 UNION ALL SELECT 5, 36);

-- Migration history: five deployments. The fourth (2023-11-20) was
-- "migrate --fake" after the IntegrityError: nine rows in the same second.
INSERT INTO "django_migrations" ("app", "name", "applied") VALUES
  ('contenttypes', '0001_initial', '2021-03-02 09:14:31.104822'),
  ('contenttypes', '0002_remove_content_type_name', '2021-03-02 09:14:31.311947'),
  ('auth', '0001_initial', '2021-03-02 09:14:31.602318'),
  ('auth', '0002_alter_permission_name_max_length', '2021-03-02 09:14:31.788104'),
  ('auth', '0003_alter_user_email_max_length', '2021-03-02 09:14:31.901557'),
  ('auth', '0004_alter_user_username_opts', '2021-03-02 09:14:32.012930'),
  ('auth', '0005_alter_user_last_login_null', '2021-03-02 09:14:32.140663'),
  ('auth', '0006_require_contenttypes_0002', '2021-03-02 09:14:32.198214'),
  ('auth', '0007_alter_validators_add_error_messages', '2021-03-02 09:14:32.301776'),
  ('auth', '0008_alter_user_username_max_length', '2021-03-02 09:14:32.417029'),
  ('auth', '0009_alter_user_last_name_max_length', '2021-03-02 09:14:32.530458'),
  ('auth', '0010_alter_group_name_max_length', '2021-03-02 09:14:32.671190'),
  ('auth', '0011_update_proxy_permissions', '2021-03-02 09:14:32.790311'),
  ('auth', '0012_alter_user_first_name_max_length', '2021-03-02 09:14:32.904572'),
  ('scheduling', '0001_initial', '2021-03-02 09:14:33.266109'),
  ('admin', '0001_initial', '2021-03-02 09:14:33.517342'),
  ('admin', '0002_logentry_remove_auto_add', '2021-03-02 09:14:33.689025'),
  ('admin', '0003_logentry_add_action_flag_choices', '2021-03-02 09:14:33.801664'),
  ('sessions', '0001_initial', '2021-03-02 09:14:33.950287'),
  ('scheduling', '0002_carehome_unit', '2021-09-14 18:02:11.402915'),
  ('scheduling', '0003_shift', '2021-09-14 18:02:11.955530'),
  ('scheduling', '0004_supervisionrecord', '2021-09-14 18:02:12.310448'),
  ('scheduling', '0005_accesslog', '2021-09-14 18:02:12.687201'),
  ('scheduling', '0006_careplanreview', '2021-09-14 18:02:13.021977'),
  ('scheduling', '0007_staffprofile', '2022-06-07 19:31:45.118302'),
  ('scheduling', '0008_leaveentitlement', '2022-06-07 19:31:46.562910'),
  ('scheduling', '0009_leavetransaction', '2022-06-07 19:31:47.803216'),
  ('scheduling', '0010_sicknessrecord', '2022-06-07 19:31:48.977451'),
  ('scheduling', '0011_alter_shift_shift_type', '2022-06-07 19:31:50.209833'),
  ('scheduling', '0012_user_sap_validator', '2023-11-20 16:42:07.118540'),
  ('scheduling', '0013_accesslog_user_nullable', '2023-11-20 16:42:07.120381'),
  ('scheduling', '0014_staffprofile_unit', '2023-11-20 16:42:07.121907'),
  ('scheduling', '0015_leavetransaction_approved_by', '2023-11-20 16:42:07.123302'),
  ('scheduling', '0016_careplanreview_next_review_date', '2023-11-20 16:42:07.124688'),
  ('scheduling', '0017_shift_is_overtime', '2023-11-20 16:42:07.126015'),
  ('scheduling', '0018_staffcertification', '2023-11-20 16:42:07.127490'),
  ('scheduling', '0019_sicknessrecord_self_certified', '2023-11-20 16:42:07.128811'),
  ('scheduling', '0020_alter_shift_options', '2023-11-20 16:42:07.130164'),
  ('scheduling', '0021_unit_is_active', '2024-02-05 08:03:13.004117'),
  ('scheduling', '0022_careplanreview_outcome_choices', '2024-02-05 08:03:13.218640'),
  ('scheduling', '0023_accesslog_user_agent', '2024-02-05 08:03:13.402279'),
  -- Copied by hand from the staging database: training 0002 without the
  -- 0001 it depends on (inconsistent history), and a migration whose file
  -- was deleted from the project (an orphaned record).
  ('training', '0002_course_duration_hours', '2024-02-05 08:03:13.611502'),
  ('training', '0003_course_expiry_legacy', '2024-02-05 08:03:13.790044');

-- ---------------------------------------------------- homes and units --

INSERT INTO "scheduling_carehome" ("id", "name", "code", "address", "beds", "is_active") VALUES
  (1, 'Ashgrove House', 'ASH', '14 Ashgrove Road, Aberdeen AB25 3BL', 60, 1),
  (2, 'Birchwood Court', 'BIR', '2 Birchwood Lane, Dundee DD2 1QS', 48, 1),
  (3, 'Cairnview Lodge', 'CAI', '7 Cairn Terrace, Inverness IV2 4AB', 40, 1),
  (4, 'Dunmore Gardens', 'DUN', '31 Dunmore Street, Stirling FK8 1PR', 72, 1),
  (5, 'Elmbank', 'ELM', '5 Elmbank Crescent, Glasgow G3 6PP', 56, 1),
  (6, 'Fernlea', 'FER', '88 Fernlea Avenue, Perth PH1 1RE', 36, 1),
  (7, 'Glenholm Care Centre', 'GLE', '1 Glenholm Drive, Edinburgh EH12 9XY', 90, 1),
  (8, 'Heatherbrae', 'HEA', '19 Heatherbrae Way, Elgin IV30 6LF', 32, 0);

-- five units per home: ids 1–40
INSERT INTO "scheduling_unit" ("id", "name", "code", "capacity", "is_active", "carehome_id")
SELECT "i",
       CASE ("i" - 1) % 5 WHEN 0 THEN 'Rowan' WHEN 1 THEN 'Willow' WHEN 2 THEN 'Oak'
                          WHEN 3 THEN 'Hazel' ELSE 'Juniper' END,
       "h"."code" || '-' || (("i" - 1) % 5 + 1),
       8 + ("i" * 3) % 9,
       "h"."is_active",
       ("i" - 1) / 5 + 1
FROM "_n" JOIN "scheduling_carehome" AS "h" ON "h"."id" = ("i" - 1) / 5 + 1
WHERE "i" <= 40;

-- ---------------------------------------------------------------- users --

-- SAP numbers 100001–101500; single sign-on, so no usable passwords.
INSERT INTO "scheduling_user" ("password", "last_login", "is_superuser", "sap", "first_name",
                               "last_name", "email", "role", "is_staff", "is_active", "date_joined")
SELECT '!', CASE WHEN "i" % 9 = 0 THEN NULL
                 ELSE datetime('2024-01-31 08:00:00', '-' || ("i" * 7 % 720) || ' hours') END,
       "i" = 1,
       printf('%06d', 100000 + "i"),
       "f"."name", "l"."name",
       lower(replace("f"."name" || '.' || "l"."name", '''', '')) || '.' || (100000 + "i") || '@rota.example.org',
       CASE WHEN "i" <= 60 THEN 'senior_carer' WHEN "i" <= 100 THEN 'unit_manager'
            WHEN "i" <= 112 THEN 'hr' ELSE 'carer' END,
       "i" <= 112,
       "i" % 17 <> 0,
       datetime('2015-01-05 09:00:00', '+' || ("i" * 37 % 3200) || ' days')
FROM "_n"
JOIN "_first" AS "f" ON "f"."k" = ("i" * 7) % 40
JOIN "_last" AS "l" ON "l"."k" = ("i" * 13 + "i" / 40) % 40
WHERE "i" <= 1500;

INSERT INTO "scheduling_user_groups" ("id", "user_id", "group_id")
SELECT "i", printf('%06d', 100000 + "i"),
       CASE WHEN "i" <= 60 THEN 2 WHEN "i" <= 100 THEN 3 WHEN "i" <= 112 THEN 4 ELSE 1 END
FROM "_n" WHERE "i" <= 1500;

INSERT INTO "django_admin_log" ("action_time", "object_id", "object_repr", "change_message",
                                "content_type_id", "user_id", "action_flag")
SELECT datetime('2023-01-02 10:00:00', '+' || ("i" * 19) || ' hours'),
       CAST(1 + "i" * 97 % 12000 AS text), 'Shift object (' || (1 + "i" * 97 % 12000) || ')',
       '[{"changed": {"fields": ["Start time", "End time"]}}]',
       9, printf('%06d', 100061 + "i" % 40), 2
FROM "_n" WHERE "i" <= 120;

-- ------------------------------------------------------------- shifts --

-- January 2024: 400 shifts a day for 30 days across the 40 units.
INSERT INTO "scheduling_shift" ("id", "date", "start_time", "end_time", "shift_type", "status",
                                "notes", "created_at", "unit_id", "user_id")
SELECT "i",
       date('2024-01-01', '+' || (("i" - 1) / 400) || ' days'),
       CASE "i" % 3 WHEN 0 THEN '07:00:00' WHEN 1 THEN '14:30:00' ELSE '22:00:00' END,
       CASE "i" % 3 WHEN 0 THEN '15:00:00' WHEN 1 THEN '22:30:00' ELSE '07:30:00' END,
       CASE "i" % 3 WHEN 0 THEN 'early' WHEN 1 THEN 'late' ELSE 'night' END,
       CASE WHEN "i" % 53 = 0 THEN 'cancelled' WHEN "i" <= 8000 THEN 'worked' ELSE 'scheduled' END,
       CASE WHEN "i" % 97 = 0 THEN 'Swapped with a colleague' ELSE '' END,
       datetime('2023-12-18 11:00:00', '+' || ("i" % 600) || ' minutes'),
       1 + "i" % 40,
       printf('%06d', 100001 + ("i" * 37) % 1500)
FROM "_n" WHERE "i" <= 12000;

-- --------------------------------------------------------- supervision --

-- Users 100001–100060 are senior carers who supervise everybody else.
INSERT INTO "scheduling_supervisionrecord" ("id", "date", "kind", "notes", "next_due",
                                            "supervisee_id", "supervisor_id")
SELECT "i",
       date('2022-01-03', '+' || ("i" * 11 % 760) || ' days'),
       CASE "i" % 4 WHEN 0 THEN 'annual_appraisal' ELSE 'one_to_one' END,
       '',
       date('2022-01-03', '+' || ("i" * 11 % 760 + 90) || ' days'),
       printf('%06d', 100061 + ("i" * 7) % 1440),
       printf('%06d', 100001 + "i" % 60)
FROM "_n" WHERE "i" <= 2400;

-- Planted 1: recorded by the old shared admin account, deleted in 2020.
UPDATE "scheduling_supervisionrecord"
SET "supervisor_id" = 'ADMIN001', "date" = '2019-11-' || (10 + "id" % 7), "notes" = 'Imported from paper records'
WHERE "id" IN (17, 1187);

-- ---------------------------------------------------------- access log --

INSERT INTO "scheduling_accesslog" ("id", "action", "ip_address", "timestamp", "user_agent", "user_id")
SELECT "i",
       CASE "i" % 5 WHEN 0 THEN 'logout' WHEN 1 THEN 'view_rota' WHEN 2 THEN 'swap_request'
                    WHEN 3 THEN 'export' ELSE 'login' END,
       '10.20.' || ("i" % 40) || '.' || (1 + "i" * 7 % 250),
       datetime('2024-01-01 06:00:00', '+' || ("i" * 7) || ' minutes'),
       'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
       CASE WHEN "i" % 40 = 0 THEN 'ADMIN001'             -- planted 2
            WHEN "i" % 240 = 7 THEN NULL                  -- anonymous: not an orphan
            ELSE printf('%06d', 100001 + ("i" * 29) % 1500) END
FROM "_n" WHERE "i" <= 6000;
UPDATE "scheduling_accesslog" SET "action" = 'login_failed' WHERE "user_id" IS NULL;

-- ---------------------------------------------------- care-plan reviews --

INSERT INTO "scheduling_careplanreview" ("id", "resident_name", "resident_ref", "review_date",
                                         "outcome", "next_review_date", "reviewer_id", "unit_id")
SELECT "i",
       "f"."name" || ' ' || "l"."name",
       'R' || printf('%05d', 1 + ("i" - 1) % 600),
       date('2023-01-09', '+' || ("i" * 5 % 390) || ' days'),
       CASE "i" % 6 WHEN 0 THEN 'changes_needed' WHEN 1 THEN 'escalated' ELSE 'no_change' END,
       CASE WHEN "i" % 10 = 0 THEN NULL
            ELSE date('2023-01-09', '+' || ("i" * 5 % 390 + 180) || ' days') END,
       printf('%06d', 100001 + "i" % 100),
       1 + ("i" - 1) % 600 % 40
FROM "_n"
JOIN "_first" AS "f" ON "f"."k" = (("i" - 1) % 600 * 11) % 40
JOIN "_last" AS "l" ON "l"."k" = (("i" - 1) % 600 * 17 + 3) % 40
WHERE "i" <= 1800;

-- ------------------------------------------------------ staff profiles --

-- ids 1–1450: users 100001–101450 (users 101451–101500 have no profile yet)
INSERT INTO "scheduling_staffprofile" ("id", "job_title", "contracted_hours", "employment_type",
                                       "start_date", "unit_id", "user_id")
SELECT "i",
       CASE WHEN "i" <= 60 THEN 'Senior Carer' WHEN "i" <= 100 THEN 'Unit Manager'
            WHEN "i" <= 112 THEN 'HR Adviser' ELSE 'Care Assistant' END,
       CASE "i" % 4 WHEN 0 THEN 37.5 WHEN 1 THEN 30 WHEN 2 THEN 24 ELSE 16 END,
       CASE WHEN "i" % 11 = 0 THEN 'bank' WHEN "i" % 7 = 0 THEN 'part_time' ELSE 'full_time' END,
       date('2015-01-05', '+' || ("i" * 37 % 3200) || ' days'),
       CASE WHEN "i" <= 112 AND "i" > 100 THEN NULL ELSE 1 + "i" % 40 END,
       printf('%06d', 100000 + "i")
FROM "_n" WHERE "i" <= 1450;

-- Planted 3: ids 1451–1720 belong to leavers whose users were deleted;
-- ids 1721–1750 came from a CSV import that kept a trailing space.
INSERT INTO "scheduling_staffprofile" ("id", "job_title", "contracted_hours", "employment_type",
                                       "start_date", "unit_id", "user_id")
SELECT 1450 + "i", 'Care Assistant', 30, 'full_time',
       date('2016-04-04', '+' || ("i" * 13 % 1500) || ' days'),
       1 + "i" % 40,
       CASE WHEN "i" <= 270 THEN printf('2%05d', "i")
            ELSE printf('%06d ', 101470 + "i" - 270) END
FROM "_n" WHERE "i" <= 300;

-- ------------------------------------------------------------- leave --

-- Two leave years per profile: ids 2p-1 (2023) and 2p (2024). The 600 rows
-- of the planted profiles (ids 2901–3500) hang from orphans.
INSERT INTO "scheduling_leaveentitlement" ("id", "leave_year", "days_entitled", "days_carried_over",
                                           "created_at", "profile_id")
SELECT "i",
       2023 + ("i" + 1) % 2,
       CASE WHEN ("i" + 1) / 2 % 5 = 0 THEN 33 ELSE 28 END,
       ("i" * 3) % 6,
       CASE ("i" + 1) % 2 WHEN 0 THEN '2023-01-02 07:00:00' ELSE '2024-01-02 07:00:00' END,
       ("i" + 1) / 2
FROM "_n" WHERE "i" <= 3500;

-- Three transactions per entitlement: ids 3e-2 … 3e; approved by a manager.
INSERT INTO "scheduling_leavetransaction" ("id", "date", "days", "kind", "note",
                                           "approved_by_id", "entitlement_id")
SELECT "i",
       date(CASE ("e" + 1) % 2 WHEN 0 THEN '2023-01-16' ELSE '2024-01-15' END,
            '+' || (("i" * 23) % 330) || ' days'),
       CASE "i" % 3 WHEN 0 THEN 5 WHEN 1 THEN 1 ELSE 2.5 END,
       CASE WHEN "i" % 13 = 0 THEN 'toil' WHEN "i" % 29 = 0 THEN 'unpaid' ELSE 'annual' END,
       '',
       CASE WHEN "i" % 8 = 0 THEN NULL ELSE printf('%06d', 100061 + "i" % 40) END,
       "e"
FROM (SELECT "i", ("i" + 2) / 3 AS "e" FROM "_n" WHERE "i" <= 10500);

-- ----------------------------------------------------------- sickness --

INSERT INTO "scheduling_sicknessrecord" ("id", "start_date", "end_date", "reason",
                                         "self_certified", "profile_id")
SELECT "i",
       date('2022-02-07', '+' || ("i" * 17 % 700) || ' days'),
       CASE WHEN "i" % 45 = 0 THEN NULL
            ELSE date('2022-02-07', '+' || ("i" * 17 % 700 + 1 + "i" % 9) || ' days') END,
       CASE "i" % 5 WHEN 0 THEN 'Respiratory' WHEN 1 THEN 'Gastrointestinal' WHEN 2 THEN 'Musculoskeletal'
                    WHEN 3 THEN 'Stress' ELSE 'Other' END,
       "i" % 9 < 6,
       1 + ("i" * 11) % 1450
FROM "_n" WHERE "i" <= 900;

-- Planted 4: old HR system profile ids, never remapped.
INSERT INTO "scheduling_sicknessrecord" ("id", "start_date", "end_date", "reason",
                                         "self_certified", "profile_id")
SELECT 900 + "i", date('2019-03-04', '+' || ("i" * 19) || ' days'),
       date('2019-03-04', '+' || ("i" * 19 + 3) || ' days'), 'Other', 0, 9000 + "i"
FROM "_n" WHERE "i" <= 42;

-- -------------------------------------------------------------- indexes --

-- Django's indexes on foreign-key columns, built after the data (faster).
CREATE UNIQUE INDEX "django_content_type_app_label_model_76bd3d3b_uniq" ON "django_content_type" ("app_label", "model");
CREATE UNIQUE INDEX "auth_permission_content_type_id_codename_01ab375a_uniq" ON "auth_permission" ("content_type_id", "codename");
CREATE INDEX "auth_permission_content_type_id_2f476e4b" ON "auth_permission" ("content_type_id");
CREATE UNIQUE INDEX "auth_group_permissions_group_id_permission_id_0cd325b0_uniq" ON "auth_group_permissions" ("group_id", "permission_id");
CREATE INDEX "auth_group_permissions_group_id_b120cbf9" ON "auth_group_permissions" ("group_id");
CREATE INDEX "auth_group_permissions_permission_id_84c5c92e" ON "auth_group_permissions" ("permission_id");
CREATE INDEX "django_session_expire_date_a5c62663" ON "django_session" ("expire_date");
CREATE UNIQUE INDEX "scheduling_user_groups_user_id_group_id_3ac1c1e2_uniq" ON "scheduling_user_groups" ("user_id", "group_id");
CREATE INDEX "scheduling_user_groups_user_id_5f6b8e0d" ON "scheduling_user_groups" ("user_id");
CREATE INDEX "scheduling_user_groups_group_id_9d1c07aa" ON "scheduling_user_groups" ("group_id");
CREATE INDEX "django_admin_log_content_type_id_c4bce8eb" ON "django_admin_log" ("content_type_id");
CREATE INDEX "django_admin_log_user_id_c564eba6" ON "django_admin_log" ("user_id");
CREATE INDEX "scheduling_unit_carehome_id_4f1b2c3d" ON "scheduling_unit" ("carehome_id");
CREATE INDEX "scheduling_shift_unit_id_8e3d6a51" ON "scheduling_shift" ("unit_id");
CREATE INDEX "scheduling_shift_user_id_c1a2f0b7" ON "scheduling_shift" ("user_id");
CREATE INDEX "scheduling_shift_date_0b5a9d12" ON "scheduling_shift" ("date");
CREATE INDEX "scheduling_supervisionrecord_supervisee_id_5d0e7f21" ON "scheduling_supervisionrecord" ("supervisee_id");
CREATE INDEX "scheduling_supervisionrecord_supervisor_id_a3b9c4e8" ON "scheduling_supervisionrecord" ("supervisor_id");
CREATE INDEX "scheduling_accesslog_user_id_7c2e9b14" ON "scheduling_accesslog" ("user_id");
CREATE INDEX "scheduling_careplanreview_reviewer_id_e61d0f3a" ON "scheduling_careplanreview" ("reviewer_id");
CREATE INDEX "scheduling_careplanreview_unit_id_2b8a4c90" ON "scheduling_careplanreview" ("unit_id");
CREATE INDEX "scheduling_staffprofile_unit_id_91f3d7c2" ON "scheduling_staffprofile" ("unit_id");
CREATE UNIQUE INDEX "scheduling_leaveentitlement_profile_id_leave_year_6e0c1b7d_uniq" ON "scheduling_leaveentitlement" ("profile_id", "leave_year");
CREATE INDEX "scheduling_leaveentitlement_profile_id_3f5a8e26" ON "scheduling_leaveentitlement" ("profile_id");
CREATE INDEX "scheduling_leavetransaction_approved_by_id_0d7e4a19" ON "scheduling_leavetransaction" ("approved_by_id");
CREATE INDEX "scheduling_leavetransaction_entitlement_id_b4c2d8f5" ON "scheduling_leavetransaction" ("entitlement_id");
CREATE INDEX "scheduling_sicknessrecord_profile_id_8a1f6c3e" ON "scheduling_sicknessrecord" ("profile_id");

DROP TABLE "_n";
DROP TABLE "_first";
DROP TABLE "_last";
