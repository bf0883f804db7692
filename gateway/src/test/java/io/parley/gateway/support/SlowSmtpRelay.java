package io.parley.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP relay in front of the test's SMTP server (GreenMail) that holds each of the server's answers
 * for a while before passing it on: an SMTP server that answers slowly, so that a mail's conversation
 * takes long enough for a test to kill Parley in the middle of one.
 */
public final class SlowSmtpRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final int delayMillis;

    public SlowSmtpRelay(int delayMillis) {
        this.delayMillis = delayMillis;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "slow-smtp-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), TestSmtp.PORT);
                pump(client, server, 0);
                pump(server, client, delayMillis);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pump(Socket from, Socket to, int delayMillis) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (delayMillis > 0) {
                        Thread.sleep(delayMillis); // the slow server thinking
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side went away
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        }, "slow-smtp-pump");
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
