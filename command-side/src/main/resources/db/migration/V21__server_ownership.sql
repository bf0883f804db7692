-- Command side: how many servers each user owns (set-based validation for CreateServer and for handing
-- a server to a new owner: at most 10 per user). Written in the command's transaction, with its events.
CREATE TABLE server_ownership (
    owner_id      BIGINT PRIMARY KEY,
    servers_owned INT    NOT NULL
);
