package io.parley.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between Parley and a server (PostgreSQL at {@link TestDatabase#HOST}) that a test can cut
 * as a network would: {@link #cut} closes every connection under way and stops listening, so new
 * connections are refused; {@link #restore} listens again on the same port.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    public TcpProxy(String targetHostAndPort) {
        int colon = targetHostAndPort.lastIndexOf(':');
        target = new InetSocketAddress(targetHostAndPort.substring(0, colon),
                                       Integer.parseInt(targetHostAndPort.substring(colon + 1)));
        listener = listen(0);
        port = listener.getLocalPort();
    }

    /** In front of this run's PostgreSQL server. */
    public static TcpProxy toPostgres() {
        return new TcpProxy(TestDatabase.HOST);
    }

    public int port() {
        return port;
    }

    /** A JDBC URL of this database (a URL of {@link TestDatabase}'s server) that goes through the proxy. */
    public String jdbcUrl(String directUrl) {
        return directUrl.replace("//" + TestDatabase.HOST + "/", "//127.0.0.1:" + port + "/");
    }

    /** Closes every relayed connection and refuses new ones until {@link #restore}. */
    public synchronized void cut() {
        closeQuietly(listener);
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** Accepts connections again, on the same port. */
    public synchronized void restore() {
        if (listener.isClosed()) {
            listener = listen(port);
        }
    }

    private ServerSocket listen(int onPort) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
            Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-" + socket.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("the proxy cannot listen on port " + onPort, e);
        }
    }

    private void accept(ServerSocket from) {
        while (!from.isClosed()) {
            Socket client;
            try {
                client = from.accept();
            } catch (IOException e) {
                return; // cut or closed
            }
            try {
                Socket server = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                closeQuietly(client); // the server is not there: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away, or the proxy cut it
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
    }
}
