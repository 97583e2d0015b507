package org.qaqpa.routing;

import java.util.Objects;
import java.util.Optional;
import org.qaqpa.registry.Provider;

/**
 * This gateway's place among the gateway nodes (docs/regional.md): on a regional node the upstream, the national
 * gateway, at its sync and async channels; on every node the login it uses at other nodes.
 *
 * @param syncUpstream  where the sync route forwards serviceIds not served here; empty on the national node
 * @param asyncUpstream where async messages for serviceIds not served here are passed on; empty on the national node
 * @param login         how this gateway signs in at other nodes ({@code federation.sender-id}, its password)
 */
public record Federation(Optional<Provider> syncUpstream, Optional<Provider> asyncUpstream, NodeLogin login) {

    public Federation {
        Objects.requireNonNull(syncUpstream, "syncUpstream");
        Objects.requireNonNull(asyncUpstream, "asyncUpstream");
        Objects.requireNonNull(login, "login");
    }

    /** The national node (or a standalone gateway): no upstream. */
    public static Federation national(NodeLogin login) {
        return new Federation(Optional.empty(), Optional.empty(), login);
    }
}
