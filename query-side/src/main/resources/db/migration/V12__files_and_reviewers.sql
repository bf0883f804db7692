-- Uploaded files, and each user's reviewer.
CREATE TABLE file_view (
    id           BIGINT PRIMARY KEY,
    owner_id     BIGINT                   NOT NULL,
    name         VARCHAR(255)             NOT NULL,
    size         BIGINT                   NOT NULL,
    content_type VARCHAR(255),
    stored_name  VARCHAR(255)             NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX dialog_message_view_file ON dialog_message_view (file_id);

ALTER TABLE user_view ADD COLUMN reviewer_id BIGINT;
