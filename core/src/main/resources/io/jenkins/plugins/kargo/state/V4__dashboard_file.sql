-- Version 4: where each project's dashboard ConfigMap lives (an absolute path; '' for none). Only the path: the file
-- holds the notification webhooks, which are secrets the state never keeps; notifications read the file each time.

ALTER TABLE project ADD COLUMN dashboard_file TEXT NOT NULL DEFAULT '';
