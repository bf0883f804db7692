package io.parley.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Parley's own settings, under {@code parley.*}; README's configuration table lists them. */
@ConfigurationProperties("parley")
public class ParleyProperties {

    private final Jwt jwt = new Jwt();
    private final Files files = new Files();
    /** Where people reach this Parley (for links in emails and file URLs), e.g. https://chat.example.org; empty: relative URLs, no links. */
    private String publicUrl = "";
    /** Usernames whose password logins get the admin role in their tokens. */
    private List<String> admins = new ArrayList<>();
    /** Dialog posts committed together at most (GroupedPosts); 1 commits each on its own. */
    private int postGroupMax = 100;

    public Jwt getJwt() {
        return jwt;
    }

    public Files getFiles() {
        return files;
    }

    public String getPublicUrl() {
        return publicUrl;
    }

    public void setPublicUrl(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    public List<String> getAdmins() {
        return admins;
    }

    public void setAdmins(List<String> admins) {
        this.admins = admins;
    }

    public int getPostGroupMax() {
        return postGroupMax;
    }

    public void setPostGroupMax(int postGroupMax) {
        this.postGroupMax = postGroupMax;
    }

    public static class Jwt {
        /** HS256 secret, at least 32 bytes. Empty means a development secret, with a warning. */
        private String secret = "";
        /** Lifetime of tokens issued by /api/auth/token and /api/auth/token-refresh. */
        private Duration ttl = Duration.ofDays(1);
        /** How long after its first issue (orig_iat) a token may still be refreshed. */
        private Duration refreshWindow = Duration.ofDays(7);

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }

        public Duration getRefreshWindow() {
            return refreshWindow;
        }

        public void setRefreshWindow(Duration refreshWindow) {
            this.refreshWindow = refreshWindow;
        }
    }

    public static class Files {
        /** Directory for uploaded bytes. */
        private String dir = "./data/files";

        public String getDir() {
            return dir;
        }

        public void setDir(String dir) {
            this.dir = dir;
        }
    }
}
