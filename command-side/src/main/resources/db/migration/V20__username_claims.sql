-- Command side: usernames claimed by password logins (set-based validation for RegisterUser).
CREATE TABLE username_claim (
    username VARCHAR(150) PRIMARY KEY,
    user_id  BIGINT       NOT NULL
);
