package dev.hakobu.agent.parse;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code time_regex}: the first match's group {@code time}, read with {@code time_format}. */
final class RegexLineTime implements LineTime {
    static final String GROUP = "time";
    private final Matcher matcher;
    private final TimeField time;

    RegexLineTime(Pattern pattern, TimeField time) {
        this.matcher = pattern.matcher("");
        this.time = time;
    }

    /** @throws IllegalArgumentException (a config error) if the pattern does not compile or has no group {@code time} */
    static Pattern compile(String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "time_regex: not a valid regular expression: " + e.getDescription());
        }
        if (!regex.contains("(?<" + GROUP + ">")) {
            throw new IllegalArgumentException(
                    "time_regex: needs a named group (?<time>...) around the time, e.g. ^\\[(?<time>[^\\]]+)\\]");
        }
        return pattern;
    }

    @Override
    public String apply(byte[] buf, int off, int len, RecordBuilder out) {
        matcher.reset(new String(buf, off, len, StandardCharsets.UTF_8));
        if (!matcher.find() || matcher.group(GROUP) == null) {
            return "time_regex: no match in the line";
        }
        return time.apply(matcher.group(GROUP), out);
    }
}
