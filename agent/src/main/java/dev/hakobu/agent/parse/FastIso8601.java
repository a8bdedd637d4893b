package dev.hakobu.agent.parse;

/**
 * The common shapes of ISO-8601 timestamps in logs, read without allocating:
 * {@code 2020-08-14T11:22:33}, a space for the 'T', an optional fraction of up to 9 digits, and an
 * optional {@code Z}, {@code +09:00}, {@code +0900} or {@code +09}. Anything else (or an impossible date)
 * returns {@link #NOT_PARSED}, and the caller falls back to {@code java.time}, which also gives the
 * error message. Profiling the JSON parser showed java.time's parsing allocating ~2 KiB per line.
 */
final class FastIso8601 {
    static final long NOT_PARSED = Long.MIN_VALUE;

    /** Returned offset marker when the text has no offset. */
    private static final int NO_OFFSET = Integer.MIN_VALUE;

    private FastIso8601() {}

    /**
     * @param defaultOffsetSeconds used when the text has no offset, or {@link Integer#MIN_VALUE} if the
     *     zone has no fixed offset (then such texts return NOT_PARSED)
     */
    static long parse(String s, int defaultOffsetSeconds) {
        int n = s.length();
        if (n < 19
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return NOT_PARSED;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > lengthOfMonth(year, month)
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return NOT_PARSED;
        }
        int i = 19;
        long nanos = 0;
        if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || (i < n && isDigit(s.charAt(i)))) {
                return NOT_PARSED;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offset = offset(s, i);
        if (offset == NOT_OFFSET) {
            return NOT_PARSED;
        }
        if (offset == NO_OFFSET) {
            if (defaultOffsetSeconds == Integer.MIN_VALUE) {
                return NOT_PARSED;
            }
            offset = defaultOffsetSeconds;
        }
        long epochSecond =
                daysFromCivil(year, month, day) * 86_400L
                        + hour * 3600L
                        + minute * 60L
                        + second
                        - offset;
        return epochSecond * 1_000_000_000L + nanos;
    }

    private static final int NOT_OFFSET = Integer.MIN_VALUE + 1;

    private static int offset(String s, int i) {
        int n = s.length();
        if (i == n) {
            return NO_OFFSET;
        }
        char c = s.charAt(i);
        if ((c == 'Z' || c == 'z') && i + 1 == n) {
            return 0;
        }
        if (c != '+' && c != '-') {
            return NOT_OFFSET;
        }
        int sign = c == '-' ? -1 : 1;
        int rest = n - i - 1;
        int hours;
        int minutes;
        if (rest == 2) {
            hours = digits(s, i + 1, 2);
            minutes = 0;
        } else if (rest == 4) {
            hours = digits(s, i + 1, 2);
            minutes = digits(s, i + 3, 2);
        } else if (rest == 5 && s.charAt(i + 3) == ':') {
            hours = digits(s, i + 1, 2);
            minutes = digits(s, i + 4, 2);
        } else {
            return NOT_OFFSET;
        }
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
            return NOT_OFFSET;
        }
        return sign * (hours * 3600 + minutes * 60);
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
