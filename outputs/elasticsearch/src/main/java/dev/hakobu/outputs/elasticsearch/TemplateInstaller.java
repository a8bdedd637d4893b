package dev.hakobu.outputs.elasticsearch;

import dev.hakobu.output.OutputCounters.ErrorType;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts the output's {@link IndexTemplate} on the cluster: on start, and again before the first document
 * of each index or data stream this instance has not written yet (a new day's index), so an index is
 * created by the template even when the start could not reach the cluster or someone deleted the
 * template since. {@code PUT _index_template} replaces the template with the same body, so putting it
 * again is harmless. Thread-safe: workers of one output share it.
 */
final class TemplateInstaller {
    /** The template could not be put; documents must not create indices without it. */
    record Failure(String reason, ErrorType errorType) {}

    private final IndexTemplate template;
    private final ElasticsearchHttp http;
    private final Duration timeout;
    private final Set<String> covered = ConcurrentHashMap.newKeySet();

    TemplateInstaller(IndexTemplate template, ElasticsearchHttp http, Duration timeout) {
        this.template = template;
        this.http = http;
        this.timeout = timeout;
    }

    IndexTemplate template() {
        return template;
    }

    /** Puts the template unless {@code target} was covered already; null when done, else why not. */
    Failure cover(String target) throws InterruptedException {
        if (covered.contains(target)) {
            return null;
        }
        synchronized (this) {
            if (covered.contains(target)) {
                return null;
            }
            Failure failure = install();
            if (failure == null) {
                covered.add(target);
            }
            return failure;
        }
    }

    /** Puts the template now; null when the cluster took it, else why not. */
    synchronized Failure install() throws InterruptedException {
        try {
            ElasticsearchHttp.Response r =
                    http.put("/_index_template/" + template.name(), template.body(), timeout);
            if (r.status() == 200) {
                return null;
            }
            String text = r.text();
            return new Failure(
                    "index template "
                            + template.name()
                            + " refused: "
                            + r.status()
                            + " "
                            + (text.length() <= 300 ? text : text.substring(0, 300) + "..."),
                    ElasticsearchErrorClassifier.errorType(r.status()));
        } catch (IOException e) {
            return new Failure(
                    "index template " + template.name() + " not put: " + e, ErrorType.UNREACHABLE);
        }
    }
}
