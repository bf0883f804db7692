-- Command side: the admin-started dialog of each set of users (ids ascending, comma-separated), so that
-- starting one again answers the first. Dialogs started before this migration are not in it.
CREATE TABLE dialog_claim (
    participants VARCHAR(1100) PRIMARY KEY,
    dialog_id    BIGINT        NOT NULL
);
