-- Query side read models. Every table here is rebuilt from the event store on replay.

CREATE TABLE user_view (
    id                  BIGINT PRIMARY KEY,
    username            VARCHAR(150) NOT NULL,
    username_key        VARCHAR(150) NOT NULL,
    email               VARCHAR(254),
    first_name          VARCHAR(64),
    last_name           VARCHAR(64),
    avatar              VARCHAR(500),
    email_notifications BOOLEAN      NOT NULL,
    password_hash       VARCHAR(100)
);
CREATE INDEX user_view_username_key ON user_view (username_key);

CREATE TABLE dialog_view (
    id                     BIGINT PRIMARY KEY,
    started_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    last_activity_position BIGINT                   NOT NULL
);

CREATE TABLE dialog_participant (
    dialog_id BIGINT NOT NULL,
    user_id   BIGINT NOT NULL,
    PRIMARY KEY (dialog_id, user_id)
);
CREATE INDEX dialog_participant_user ON dialog_participant (user_id);

CREATE TABLE dialog_message_view (
    id         BIGINT PRIMARY KEY,
    dialog_id  BIGINT                   NOT NULL,
    author_id  BIGINT                   NOT NULL,
    body       TEXT                     NOT NULL,
    body_html  TEXT                     NOT NULL,
    file_id    BIGINT,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    read_at    TIMESTAMP WITH TIME ZONE,
    edited_at  TIMESTAMP WITH TIME ZONE,
    deleted    BOOLEAN                  NOT NULL,
    position   BIGINT                   NOT NULL
);
CREATE INDEX dialog_message_view_dialog ON dialog_message_view (dialog_id, position);

-- One row per message a participant has not read yet (messages from others only).
CREATE TABLE unread_message (
    dialog_id  BIGINT NOT NULL,
    user_id    BIGINT NOT NULL,
    message_id BIGINT NOT NULL,
    position   BIGINT NOT NULL,
    PRIMARY KEY (user_id, dialog_id, message_id)
);
CREATE INDEX unread_message_message ON unread_message (message_id);

-- Whose unread-dialogs count the event at a position changed, and to what: the push of
-- notifications.dialogs.count reads it, exact at that position.
CREATE TABLE unread_count_change (
    position       BIGINT NOT NULL,
    user_id        BIGINT NOT NULL,
    unread_dialogs INT    NOT NULL,
    PRIMARY KEY (position, user_id)
);
