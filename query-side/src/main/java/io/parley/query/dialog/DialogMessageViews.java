package io.parley.query.dialog;

import io.parley.api.dialog.DialogMessageView;
import io.parley.api.dialog.FileView;
import io.parley.api.user.UserView;
import io.parley.query.file.FileEntryRepository;
import io.parley.query.user.UserEntry;
import io.parley.query.user.UserEntryRepository;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns message rows into views, with each author's profile looked up once per call. */
@Component
public class DialogMessageViews {

    private final UserEntryRepository users;
    private final FileEntryRepository files;

    public DialogMessageViews(UserEntryRepository users, FileEntryRepository files) {
        this.users = users;
        this.files = files;
    }

    public DialogMessageView view(DialogMessageEntry message) {
        return views(List.of(message)).get(0);
    }

    public List<DialogMessageView> views(List<DialogMessageEntry> messages) {
        Map<Long, UserView> authors = profiles(messages.stream().map(DialogMessageEntry::getAuthorId)
                                                       .collect(Collectors.toSet()));
        Map<Long, FileView> attached = new HashMap<>();
        files.findAllById(messages.stream().map(DialogMessageEntry::getFileId).filter(Objects::nonNull)
                                  .collect(Collectors.toSet()))
             .forEach(f -> attached.put(f.toView().id(), f.toView()));
        return messages.stream()
                       .map(m -> new DialogMessageView(m.getId(), m.getDialogId(), authors.get(m.getAuthorId()),
                                                       m.getBody(), m.getBodyHtml(),
                                                       m.getFileId() == null ? null : attached.get(m.getFileId()),
                                                       m.getCreatedAt(),
                                                       m.getReadAt(), m.getPosition()))
                       .toList();
    }

    public Map<Long, UserView> profiles(Collection<Long> userIds) {
        Map<Long, UserView> found = new HashMap<>();
        for (UserEntry user : users.findAllById(Set.copyOf(userIds))) {
            found.put(user.getId(), user.toView());
        }
        for (Long id : userIds) {
            // A user id from an event always exists, but a profile must never be missing from a view.
            found.computeIfAbsent(id, missing -> new UserView(missing, "user" + missing, null, null, null, null, true));
        }
        return found;
    }
}
