/**
 * Tag patterns and the ordered route table. {@code *} matches exactly one dot-separated tag part,
 * {@code **} zero or more parts, {@code {a,b}} either alternative (alternatives may contain dots).
 */
package dev.hakobu.aggregator.route;
