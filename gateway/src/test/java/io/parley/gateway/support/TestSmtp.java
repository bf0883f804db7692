package io.parley.gateway.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A real SMTP server (GreenMail) on a free port, shared by the test run; it can be stopped and started again. */
public final class TestSmtp {

    public static final int PORT = freePort();
    private static final ServerSetup SETUP = new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    private static GreenMail server = started();
    /** Mail received by earlier server instances, so a restart loses nothing the tests look at. */
    private static final List<MimeMessage> earlier = new ArrayList<>();

    private TestSmtp() {
    }

    private static GreenMail started() {
        GreenMail mail = new GreenMail(SETUP);
        mail.start();
        return mail;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized void stop() {
        earlier.addAll(Arrays.asList(server.getReceivedMessages()));
        server.stop();
    }

    public static synchronized void start() {
        server = started();
    }

    /** How many mails were received so far, to anyone. */
    public static synchronized int all() {
        return earlier.size() + server.getReceivedMessages().length;
    }

    /** Every mail received so far addressed to this address. */
    public static synchronized List<MimeMessage> to(String address) {
        List<MimeMessage> all = new ArrayList<>(earlier);
        all.addAll(Arrays.asList(server.getReceivedMessages()));
        return all.stream().filter(m -> addressedTo(m, address)).toList();
    }

    /** How many mails these test users (their address is {@code userID@example.org}) received. */
    public static int mailsTo(long[] users) {
        int mails = 0;
        for (long user : users) {
            mails += to("user" + user + "@example.org").size();
        }
        return mails;
    }

    /**
     * The Message-IDs of the notification mails these test users received, by the dialog message each
     * is about (Parley's Message-ID reads {@code <mail-ROW.MESSAGE.RECIPIENT@domain>}).
     */
    public static Map<Long, List<String>> messageIdsByDialogMessage(long[] users) {
        Map<Long, List<String>> byMessage = new HashMap<>();
        for (long user : users) {
            for (MimeMessage mail : to("user" + user + "@example.org")) {
                try {
                    String header = mail.getMessageID();
                    String[] parts = header.substring(1, header.indexOf('@')).split("\\.");
                    byMessage.computeIfAbsent(Long.parseLong(parts[1]), m -> new ArrayList<>()).add(header);
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return byMessage;
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients).anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
