package dev.hakobu.bench.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Loopback ports for the processes a harness starts. */
public final class Ports {
    private Ports() {}

    /** A port free at the time of the call (the process that binds it comes later; a clash is possible but rare). */
    public static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Returns once something accepts connections on 127.0.0.1:{@code port}; fails after 60 s. */
    public static void await(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException("nothing listens on " + port);
    }
}
