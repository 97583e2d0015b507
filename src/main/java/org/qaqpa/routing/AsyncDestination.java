package org.qaqpa.routing;

import java.util.Objects;
import org.qaqpa.registry.Provider;

/** Where the delivery route takes one queued async message ({@link AsyncDestinations}). */
sealed interface AsyncDestination {

    /** Called at its {@code IAsyncChannelClient} endpoint; its answer must be signed as {@code recipient} says. */
    record Push(Provider recipient) implements AsyncDestination {
        public Push {
            Objects.requireNonNull(recipient, "recipient");
        }
    }

    /** Put into the inbox of the member {@code memberId}, which fetches it with {@code getMessages}. */
    record Pull(String memberId) implements AsyncDestination {
        public Pull {
            Objects.requireNonNull(memberId, "memberId");
        }
    }
}
