package dev.hakobu.bench;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Realistic log lines of about 210 bytes, shaped like the user stories: S1's API calls as JSON
 * (camera ids, users, query-string parameters with tokens) and S2's access logs as LTSV
 * ({@code -} sizes, float request times). Seeded, so every run sees the same lines.
 */
public final class SampleLines {
    private static final String[] APIS = {
        "/image", "/setting", "/stream/start", "/stream/stop", "/share"
    };
    private static final String[] UAS = {
        "chrome", "safari", "firefox", "okhttp/4.9", "ios-app/3.2"
    };

    private SampleLines() {}

    public static byte[][] json(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[][] lines = new byte[n][];
        for (int i = 0; i < n; i++) {
            String parameter =
                    r.nextInt(3) == 0
                            ? "null"
                            : "\"name=cam"
                                    + r.nextInt(1000)
                                    + "&token="
                                    + Long.toHexString(r.nextLong())
                                    + "\"";
            lines[i] =
                    ("{\"timestamp\": \"2020-08-14T11:"
                                    + two(r.nextInt(60))
                                    + ":"
                                    + two(r.nextInt(60))
                                    + "+09:00\", \"camera_id\": \"camera"
                                    + r.nextInt(10_000)
                                    + "\", \"api\": \""
                                    + APIS[r.nextInt(APIS.length)]
                                    + "\", \"method\": \""
                                    + (r.nextBoolean() ? "GET" : "POST")
                                    + "\", \"parameter\": "
                                    + parameter
                                    + ", \"user\": \"user"
                                    + r.nextInt(100_000)
                                    + "\", \"ua\": \""
                                    + UAS[r.nextInt(UAS.length)]
                                    + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
        }
        return lines;
    }

    public static byte[][] ltsv(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[][] lines = new byte[n][];
        for (int i = 0; i < n; i++) {
            String size = r.nextInt(10) == 0 ? "-" : Integer.toString(r.nextInt(100_000));
            String reqtime = r.nextInt(20) == 0 ? "-" : String.format("%.3f", r.nextDouble());
            lines[i] =
                    ("time:14/Aug/2020:11:"
                                    + two(r.nextInt(60))
                                    + ":"
                                    + two(r.nextInt(60))
                                    + " +0900\thost:192.0.2."
                                    + r.nextInt(255)
                                    + "\tmethod:GET\turi:/api/locks/"
                                    + r.nextInt(100_000)
                                    + "/status?device="
                                    + Long.toHexString(r.nextLong())
                                    + "\tstatus:200\tsize:"
                                    + size
                                    + "\treqtime:"
                                    + reqtime
                                    + "\tua:"
                                    + UAS[r.nextInt(UAS.length)]
                                    + "\treferer:-")
                            .getBytes(StandardCharsets.UTF_8);
        }
        return lines;
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
