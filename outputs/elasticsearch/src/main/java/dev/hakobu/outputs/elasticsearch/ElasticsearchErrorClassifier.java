package dev.hakobu.outputs.elasticsearch;

import dev.hakobu.output.OutputCounters.ErrorType;

/**
 * What to do with each bulk item, and with a bulk request that failed as a whole. The one place that
 * decides what is retried; tested against bulk responses recorded from Elasticsearch 8 and OpenSearch 2.
 */
final class ElasticsearchErrorClassifier {
    /** The fate of one document. */
    enum ItemVerdict {
        /** Stored: created now (2xx), or already there from an earlier try of the same chunk (409 on create). */
        DELIVERED,
        /** Throttled (429) or the cluster failed (5xx: unavailable shards, timeouts): send this item again. */
        RETRY,
        /** The document itself is wrong for the index (400: mapping and parse errors, 413): never retried. */
        DEAD_LETTER
    }

    /** The fate of a whole bulk request that did not come back 200. */
    enum RequestVerdict {
        /** Send every item of the request again. */
        RETRY_ALL,
        /** The server refuses the request itself; sending it again cannot help. */
        REJECT_CHUNK
    }

    private ElasticsearchErrorClassifier() {}

    static ItemVerdict item(int status, String errorType) {
        if (status >= 200 && status < 300 || status == 409) {
            return ItemVerdict.DELIVERED;
        }
        if (status == 400 || status == 413) {
            return ItemVerdict.DEAD_LETTER;
        }
        // 429, 5xx, and 401/403/404 (credentials, a read-only block after a full disk, an index
        // that may
        // not be auto-created): an operator can fix those, and the worker's retry time bounds the
        // wait
        return ItemVerdict.RETRY;
    }

    static RequestVerdict request(int status) {
        return status == 400 || status == 413
                ? RequestVerdict.REJECT_CHUNK
                : RequestVerdict.RETRY_ALL;
    }

    static ErrorType errorType(int status) {
        if (status == 429) {
            return ErrorType.THROTTLED;
        }
        return status >= 500 ? ErrorType.SERVER : ErrorType.REFUSED;
    }
}
