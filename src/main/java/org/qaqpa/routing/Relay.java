package org.qaqpa.routing;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a request the gateway passes on says it is from. To a provider system the member's own {@code sender}
 * goes, without its password; to another gateway node ({@code asNode}) the gateway signs in as itself. Either
 * way the request carries {@link OriginalSender} exactly when {@code originalSenderId} is present.
 */
record Relay(Optional<NodeLogin> asNode, Optional<String> originalSenderId) {

    Relay {
        Objects.requireNonNull(asNode, "asNode");
        Objects.requireNonNull(originalSenderId, "originalSenderId");
    }

    /**
     * To another gateway node: signed in as this gateway, naming the original sender — the one a node member
     * vouched for ({@code vouched}), else the member that sent the message here.
     */
    static Relay toNode(NodeLogin login, Optional<String> vouched, String senderId) {
        return new Relay(Optional.of(login), Optional.ofNullable(vouched.orElse(senderId)));
    }

    /** To a provider system, for a member that is not a node: nothing vouched for. */
    static Relay direct() {
        return new Relay(Optional.empty(), Optional.empty());
    }
}
