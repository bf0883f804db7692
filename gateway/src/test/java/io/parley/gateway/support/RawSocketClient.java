package io.parley.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A websocket client written out by hand, for what well-behaved clients never do: it does not answer
 * pings, and it can stop reading altogether. It only reads frames when asked to.
 */
public final class RawSocketClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;

    private RawSocketClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Upgrades an already connected socket (plain or TLS) to a websocket at the path. */
    public static RawSocketClient open(Socket socket, String host, String path) throws IOException {
        RawSocketClient client = new RawSocketClient(socket);
        String head = client.askUpgrade(host, path);
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
        return client;
    }

    /** A refused upgrade: its HTTP status and the body that says why. */
    public record Refusal(int status, String body) {
    }

    /** Asks for an upgrade at the path (with its query) that the server is expected to refuse, and reads why. */
    public static Refusal refusal(int port, String path) throws IOException {
        try (RawSocketClient client = new RawSocketClient(new Socket("localhost", port))) {
            String head = client.askUpgrade("localhost", path);
            if (head.startsWith("HTTP/1.1 101")) {
                throw new IOException("the upgrade was accepted: " + head);
            }
            return new Refusal(Integer.parseInt(head.substring(9, 12)), client.readBody(head));
        }
    }

    private String askUpgrade(String host, String path) throws IOException {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.setSoTimeout(30_000);
        return readHead();
    }

    /** The body after this head: Content-Length bytes, or chunks up to the last one. */
    private String readBody(String head) throws IOException {
        Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (length.find()) {
            body.write(in.readNBytes(Integer.parseInt(length.group(1))));
        } else if (Pattern.compile("(?im)^transfer-encoding:\\s*chunked").matcher(head).find()) {
            for (int size; (size = Integer.parseInt(readLine().split(";")[0].trim(), 16)) > 0; ) {
                body.write(in.readNBytes(size));
                readLine();
            }
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of a line");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the upgrade");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Reads frames, answering nothing, until the server's close frame; its status code. */
    public int readUntilClose() throws IOException {
        while (true) {
            int first = in.readUnsignedByte();
            int opcode = first & 0x0f;
            long length = in.readUnsignedByte() & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            if (opcode == 8) {
                return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
            }
        }
    }

    /** The close code, or -1 when the connection ended without a close frame. */
    public int readUntilCloseOrEnd() {
        try {
            return readUntilClose();
        } catch (IOException ended) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
