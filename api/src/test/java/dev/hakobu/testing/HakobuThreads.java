package dev.hakobu.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * For lifecycle tests: the {@code hakobu-*} threads a test started must all be gone once what started
 * them failed or was closed. Take a {@link #snapshot} first, then {@link #assertNoneNewSince} it.
 */
public final class HakobuThreads {
    private HakobuThreads() {}

    /** The threads alive now. */
    public static Set<Thread> snapshot() {
        return Thread.getAllStackTraces().keySet();
    }

    /** Waits (10 s at most) until no {@code hakobu-*} thread is alive that was not in {@code before}. */
    public static void assertNoneNewSince(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> left = newSince(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = newSince(before);
        }
        assertThat(left).as("hakobu-* threads left running").isEmpty();
    }

    /** Waits (10 s at most) until a thread of that name is alive. */
    public static void await(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (snapshot().stream().noneMatch(t -> t.isAlive() && t.getName().equals(name))) {
            assertThat(System.nanoTime()).as("thread " + name + " started").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static List<String> newSince(Set<Thread> before) {
        return snapshot().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("hakobu-"))
                .filter(t -> !before.contains(t))
                .map(Thread::getName)
                .sorted()
                .toList();
    }
}
