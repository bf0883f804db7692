package io.parley.notifications;

/** Where a mail's reader opens a dialog; the application that knows its public address provides it. */
public interface DialogLinks {

    /** The dialog's address, or null when there is none to give (no public URL is configured). */
    String dialog(long dialogId);
}
