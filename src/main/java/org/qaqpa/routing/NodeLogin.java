package org.qaqpa.routing;

import java.util.Objects;

/**
 * How this gateway signs in at another gateway node, as a member there ({@code federation.sender-id} and the
 * password from {@code federation.password-env}): the {@code sender} of every request it passes on to a node.
 *
 * @param password null when none is configured (the node will refuse: {@code SENDER_AUTH_FAILED})
 */
public record NodeLogin(String senderId, String password) {

    /**
     * The password of the development node members ({@code dev-region} in config/members.yaml, {@code qaqpa-national}
     * in config/regional/members.yaml), used on the development PKI when {@code federation.password-env} is unset.
     */
    public static final String DEVELOPMENT_PASSWORD = "changeit";

    public NodeLogin {
        Objects.requireNonNull(senderId, "senderId");
    }

    @Override
    public String toString() {
        return "NodeLogin[" + senderId + (password == null ? ", no password]" : "]");
    }
}
