package dev.hakobu.agent.parse;

/**
 * The access-log time of Apache and nginx ({@code $time_local}: {@code 14/Aug/2020:11:22:33 +0900},
 * pattern {@code dd/MMM/yyyy:HH:mm:ss Z}), read without allocating. Anything else returns
 * {@link FastIso8601#NOT_PARSED} and the caller falls back to java.time. Profiling the LTSV path showed
 * java.time's pattern parser as its main cost.
 */
final class FastClfTime {
    static final String PATTERN = "dd/MMM/yyyy:HH:mm:ss Z";
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private FastClfTime() {}

    static long parse(String s) {
        if (s.length() != 26
                || s.charAt(2) != '/'
                || s.charAt(6) != '/'
                || s.charAt(11) != ':'
                || s.charAt(14) != ':'
                || s.charAt(17) != ':'
                || s.charAt(20) != ' '
                || (s.charAt(21) != '+' && s.charAt(21) != '-')) {
            return FastIso8601.NOT_PARSED;
        }
        int month = 0;
        for (int m = 0; m < 12 && month == 0; m++) {
            if (MONTHS.regionMatches(m * 3, s, 3, 3)) {
                month = m + 1;
            }
        }
        if (month == 0) {
            return FastIso8601.NOT_PARSED;
        }
        int day = digits(s, 0, 2);
        int year = digits(s, 7, 4);
        int hour = digits(s, 12, 2);
        int minute = digits(s, 15, 2);
        int second = digits(s, 18, 2);
        int oh = digits(s, 22, 2);
        int om = digits(s, 24, 2);
        if (day < 1
                || day > 31
                || year < 0
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || oh < 0
                || oh > 18
                || om < 0
                || om > 59) {
            return FastIso8601.NOT_PARSED;
        }
        if (day > FastIso8601.lengthOfMonth(year, month)) {
            return FastIso8601.NOT_PARSED;
        }
        int offset = (s.charAt(21) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        long epochSecond =
                FastIso8601.daysFromCivil(year, month, day) * 86_400L
                        + hour * 3600L
                        + minute * 60L
                        + second
                        - offset;
        return epochSecond * 1_000_000_000L;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
