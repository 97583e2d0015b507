package org.qaqpa.routing;

import java.util.Objects;
import org.qaqpa.registry.Provider;

/** Where the delivery route takes one queued async message ({@link AsyncDestinations}). */
sealed interface AsyncDestination {

    /**
     * Called at its {@code IAsyncChannelClient} endpoint; its answer must be signed as {@code recipient} says.
     * A recipient that is a gateway node ({@link Provider#node()}) passes the message on: its answer means
     * accepted there, not delivered.
     */
    record Push(Provider recipient) implements AsyncDestination {
        public Push {
            Objects.requireNonNull(recipient, "recipient");
        }
    }

    /**
     * Passed on to another gateway node ({@code node: true} provider, or a regional node's upstream): its
     * {@code IAsyncChannel.sendMessage}, where this gateway signs in as a member and names the original sender;
     * the node's {@code changeMassageStatusNotification} later tells the final state.
     */
    record Forward(Provider node) implements AsyncDestination {
        public Forward {
            Objects.requireNonNull(node, "node");
        }
    }

    /** Put into the inbox of the member {@code memberId}, which fetches it with {@code getMessages}. */
    record Pull(String memberId) implements AsyncDestination {
        public Pull {
            Objects.requireNonNull(memberId, "memberId");
        }
    }
}
