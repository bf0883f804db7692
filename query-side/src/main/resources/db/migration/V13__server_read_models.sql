-- Servers read models. Every table here is rebuilt from the event store on replay.

CREATE TABLE server_view (
    id       BIGINT      PRIMARY KEY,
    name     VARCHAR(64) NOT NULL,
    owner_id BIGINT      NOT NULL
);

-- Membership as intervals of global positions. The audience of the event at position N is every row
-- with joined_at_position <= N and (left_at_position IS NULL or left_at_position >= N): a removed user
-- still sees their user_left, members see server_deleted. A user who leaves and rejoins has two rows.
CREATE TABLE server_member (
    server_id          BIGINT NOT NULL,
    user_id            BIGINT NOT NULL,
    joined_at_position BIGINT NOT NULL,
    left_at_position   BIGINT,
    PRIMARY KEY (server_id, user_id, joined_at_position)
);
CREATE INDEX server_member_user ON server_member (user_id, left_at_position);
CREATE INDEX server_member_position ON server_member (server_id, joined_at_position);

CREATE TABLE server_channel (
    id        BIGINT      PRIMARY KEY,
    server_id BIGINT      NOT NULL,
    name      VARCHAR(64) NOT NULL,
    type      INT         NOT NULL,
    position  BIGINT      NOT NULL
);
CREATE INDEX server_channel_server ON server_channel (server_id, position);

CREATE TABLE channel_message_view (
    id         BIGINT                   PRIMARY KEY,
    channel_id BIGINT                   NOT NULL,
    server_id  BIGINT                   NOT NULL,
    author_id  BIGINT                   NOT NULL,
    text       VARCHAR(2000)            NOT NULL,
    sent_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    edited_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted    BOOLEAN                  NOT NULL,
    position   BIGINT                   NOT NULL
);
CREATE INDEX channel_message_view_channel ON channel_message_view (channel_id, position);
CREATE INDEX channel_message_view_server ON channel_message_view (server_id);

CREATE TABLE server_ban (
    server_id  BIGINT                   NOT NULL,
    user_id    BIGINT                   NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE,
    position   BIGINT                   NOT NULL,
    PRIMARY KEY (server_id, user_id)
);

-- Codes are random (96 bits) and so unique in practice; keyed by server as well, so that even a repeated
-- code could never stop the projection on a key violation.
CREATE TABLE server_invite (
    server_id  BIGINT                   NOT NULL,
    code       VARCHAR(64)              NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE,
    position   BIGINT                   NOT NULL,
    PRIMARY KEY (server_id, code)
);
CREATE INDEX server_invite_code ON server_invite (code);
