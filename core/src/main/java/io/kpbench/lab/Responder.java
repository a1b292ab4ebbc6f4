package io.kpbench.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The backend's tiny TCP echo responder, run inside the backend namespace ({@code ip netns exec ... java -cp
 * ... io.kpbench.lab.Responder PORT}): accepts on every address and echoes each byte; prints {@code ready} once
 * it listens.
 */
public final class Responder {
    private Responder() {
    }

    /** Listens on the port in {@code args[0]} until killed. */
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        try (ServerSocket ss = new ServerSocket()) {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(port), 4096);
            System.out.println("ready");
            System.out.flush();
            while (true) {
                Socket s = ss.accept();
                Thread t = new Thread(() -> echo(s), "echo");
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private static void echo(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            s.setTcpNoDelay(true);
            byte[] buf = new byte[256];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the client reset the connection: the normal end of a first-packet probe
        }
    }
}
