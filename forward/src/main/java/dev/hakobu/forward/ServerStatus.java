package dev.hakobu.forward;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One forward server as {@code /api/status} shows it. Healthy means it was seen to accept a connection:
 * it holds one now, or, idle, it accepted the last probe ({@link IdleNodeProbe}).
 *
 * @param server {@code host:port}
 * @param state {@code connected}, {@code reachable} (idle, the last probe connected), {@code
 *     unreachable: <why>} (idle, the last probe failed), {@code down: <why>} (failed while sending;
 *     chunks go elsewhere until a reconnect succeeds) or {@code not probed yet}
 */
public record ServerStatus(String server, boolean standby, boolean healthy, String state) {
    /** For JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("server", server);
        map.put("standby", standby);
        map.put("healthy", healthy);
        map.put("state", state);
        return map;
    }
}
