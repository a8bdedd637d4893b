/**
 * The Elasticsearch / OpenSearch output: bulk {@code create} requests over HTTP (gzip, basic auth, API
 * key, TLS with a CA file), into daily indices named from the event time or into a data stream.
 *
 * <p>Contract: every record gets {@code _id = <chunk id>-<record index>} and op_type {@code create}, so
 * sending a chunk again never stores a document twice: an item that is already there answers 409, which
 * counts as delivered. Per item, {@link dev.hakobu.outputs.elasticsearch.ElasticsearchErrorClassifier}
 * decides and {@link dev.hakobu.outputs.retry.PartialRetryWriter} acts: 429 and 5xx are resent (only
 * those items) with backoff for at most {@code item_retry.max_time}; 400 (mapping and parse errors) go,
 * with the server's reason, to the output's dead-letter folder and are never sent again. {@code write} returns Delivered once every item is stored or dead-lettered durably;
 * Retry when items are left after the retry budget (the worker resends the chunk: stored items answer
 * 409); Rejected only when the server refuses a bulk request as a whole (400, 413).
 *
 * <p>Typed indices: before the first document of each index it has not written yet (and on start),
 * the output puts its {@link dev.hakobu.outputs.elasticsearch.IndexTemplate} (mappings from the declared
 * {@code types} and the event time), and writes nothing to that index until the cluster took it, so no
 * index is created from its first document's values. {@link dev.hakobu.outputs.elasticsearch.DeclaredFields}
 * makes each document fit the declared types before it is sent.
 */
package dev.hakobu.outputs.elasticsearch;
