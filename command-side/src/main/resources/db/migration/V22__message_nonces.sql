-- Command side: the nonce of each create, so a repeated create returns the first message (24 hours).
CREATE TABLE message_nonce (
    user_id    BIGINT                   NOT NULL,
    nonce      VARCHAR(100)             NOT NULL,
    message_id BIGINT                   NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, nonce)
);
