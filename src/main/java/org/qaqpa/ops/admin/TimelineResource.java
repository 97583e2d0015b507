package org.qaqpa.ops.admin;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.log.LoggedRow;
import org.qaqpa.log.MessageLogReader;
import org.qaqpa.log.MessageLogSearch;

/**
 * {@code GET /admin/log/{id}/timeline}: the exchange of row {@code id} across gateway nodes, what
 * {@code qaqpa log trace} prints from several data directories, but from the running nodes: this node's rows with the
 * row's sessionId (every node an exchange crosses keeps the first node's, docs/regional.md) and each
 * {@code admin.peers} node's, asked over its admin API, merged oldest first by the nodes' clocks. A peer that fails
 * is listed under {@code problems}; the timeline still answers with the rest.
 */
final class TimelineResource {

    private final String node;
    private final List<GatewayConfig.Peer> peers;
    private final MessageLogReader reader;
    private final PeerLogClient client;

    /** @param node this node's name in the timeline ({@code federation.sender-id}, its name at the other nodes) */
    TimelineResource(String node, List<GatewayConfig.Peer> peers, MessageLogReader reader, PeerLogClient client) {
        this.node = node;
        this.peers = List.copyOf(peers);
        this.reader = reader;
        this.client = client;
    }

    Map<String, Object> timeline(String id) throws SQLException {
        long rowId = LogResource.rowId(id);
        LoggedRow row = reader.find(rowId).orElseThrow(() -> AdminException.notFound("no message-log row " + rowId));
        List<LoggedRow> local = row.sessionId() == null ? List.of(row)
                : reader.exchange(row.sessionId()).stream().limit(MessageLogSearch.MAX_LIMIT).toList();
        // all peers are asked at once: the slowest one, not their sum, bounds the answer
        List<CompletableFuture<PeerLogClient.Answer>> asked = row.sessionId() == null ? List.of()
                : peers.stream().map(peer -> client.rows(peer, row.sessionId())).toList();

        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> problems = new ArrayList<>();
        local.forEach(mine -> rows.add(marked(node, true, LogResource.entry(mine))));
        nodes.add(node(node, true, null, local.size()));
        for (CompletableFuture<PeerLogClient.Answer> future : asked) {
            PeerLogClient.Answer answer = future.join();
            answer.rows().forEach(theirs -> rows.add(marked(answer.peer().name(), false, theirs)));
            nodes.add(node(answer.peer().name(), false, answer.peer().url(), answer.rows().size()));
            if (answer.problem() != null) {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("node", answer.peer().name());
                problem.put("url", answer.peer().url());
                problem.put("problem", answer.problem());
                problems.add(problem);
            }
        }
        rows.sort(Comparator.comparing((Map<String, Object> r) -> Instant.parse((String) r.get("loggedAt"))));

        Map<String, Object> timeline = new LinkedHashMap<>();
        timeline.put("id", rowId);
        timeline.put("sessionId", row.sessionId());
        timeline.put("node", node);
        timeline.put("nodes", nodes);
        timeline.put("rows", rows);
        timeline.put("problems", problems);
        return timeline;
    }

    /** A row of {@code node}'s log in the shape of {@code GET /admin/log}, with {@code node} and {@code local} first. */
    private static Map<String, Object> marked(String node, boolean local, Map<String, Object> entry) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("node", node);
        row.put("local", local);
        // a peer's answer cannot pass its rows off as this node's (the console links local rows to this node's log)
        entry.forEach(row::putIfAbsent);
        return row;
    }

    private static Map<String, Object> node(String name, boolean local, String url, int rows) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", name);
        node.put("local", local);
        node.put("url", url);
        node.put("rows", rows);
        return node;
    }
}
