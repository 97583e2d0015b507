package org.qaqpa.routing;

/**
 * The {@code senderId} and {@code password} a request states, kept as an exchange property rather than
 * headers: headers may travel on (to the broker, to providers), the password must not.
 */
public record SenderCredentials(String senderId, String password) {

    /** Exchange property holding the request's {@link SenderCredentials}. */
    public static final String PROPERTY = "QaqpaSenderCredentials";
}
