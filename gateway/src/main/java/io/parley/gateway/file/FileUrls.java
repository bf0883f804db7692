package io.parley.gateway.file;

import io.parley.gateway.ParleyProperties;
import org.springframework.stereotype.Component;

/** Where a file is downloaded: absolute under parley.public-url when it is set, else a path. */
@Component
public class FileUrls {

    private final String base;

    public FileUrls(ParleyProperties properties) {
        String url = properties.getPublicUrl() == null ? "" : properties.getPublicUrl().trim();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String content(long fileId) {
        return base + "/api/files/" + fileId + "/content";
    }
}
