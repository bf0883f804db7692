package io.parley.gateway;

import io.parley.notifications.DialogLinks;
import org.springframework.stereotype.Component;

/**
 * Links to Parley, under {@code parley.public-url}: file downloads are absolute when it is set (a
 * path otherwise), and emails link to the dialog only when it is set.
 */
@Component
public class PublicUrls implements DialogLinks {

    private final String base;

    public PublicUrls(ParleyProperties properties) {
        String url = properties.getPublicUrl() == null ? "" : properties.getPublicUrl().trim();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public boolean isSet() {
        return !base.isEmpty();
    }

    public String fileContent(long fileId) {
        return base + "/api/files/" + fileId + "/content";
    }

    /** The dialog's page, or null when {@code parley.public-url} is not set. */
    @Override
    public String dialog(long dialogId) {
        return isSet() ? base + "/dialogs/" + dialogId : null;
    }
}
