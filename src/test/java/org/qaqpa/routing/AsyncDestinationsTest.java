package org.qaqpa.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qaqpa.async.AcceptedMessage;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.registry.AsyncDelivery;
import org.qaqpa.registry.CertificateBinding;
import org.qaqpa.registry.Member;
import org.qaqpa.registry.MemberRegistry;
import org.qaqpa.registry.PasswordHash;
import org.qaqpa.registry.Provider;
import org.qaqpa.registry.ProviderUrl;
import org.qaqpa.registry.Service;
import org.qaqpa.registry.ServiceMode;
import org.qaqpa.registry.ServiceRegistry;

/** Where the delivery route takes a queued message: the service's recipient, or back to the chain's requester. */
class AsyncDestinationsTest {

    private static final PasswordHash HASH = PasswordHash.create("pw".toCharArray(), PasswordHash.MIN_ITERATIONS);
    private static final CertificateBinding REQUESTER_BINDING = CertificateBinding.subject(Optional.empty(), Optional.of("123456789021"));
    private static final Provider PROVIDER = new Provider(new ProviderUrl("https://provider.example.kz/async"),
            CertificateBinding.subject(Optional.empty(), Optional.of("990340000025")), Duration.ofSeconds(3));

    private static final Provider NODE = new Provider(new ProviderUrl("https://region.example.kz/bip-async/"),
            CertificateBinding.subject(Optional.empty(), Optional.of("990340000041")), Duration.ofSeconds(3), true);
    private static final Provider UPSTREAM = new Provider(new ProviderUrl("https://shep.example.kz/bip-async/"),
            CertificateBinding.subject(Optional.empty(), Optional.of("990340000017")), Duration.ofSeconds(30), true);
    private static final ServiceRegistry SERVICES = new ServiceRegistry(List.of(
            new Service("PUSHED", PROVIDER, Map.of("ALMATY", NODE), false, ServiceMode.ASYNC, AsyncDelivery.PUSH,
                    Optional.of("responder"), Optional.empty()),
            new Service("PULLED", null, Map.of(), false, ServiceMode.ASYNC, AsyncDelivery.PULL, Optional.of("responder"), Optional.empty()),
            new Service("REGIONAL", NODE, Map.of(), false, ServiceMode.ASYNC)));
    private static final MemberRegistry MEMBERS = new MemberRegistry(List.of(
            new Member("with-url", HASH, REQUESTER_BINDING, Set.of("PUSHED"), OptionalInt.empty(),
                    Optional.of(new ProviderUrl("https://client.example.kz/async"))),
            new Member("without-url", HASH, REQUESTER_BINDING, Set.of("PUSHED"), OptionalInt.empty()),
            new Member("region", HASH, REQUESTER_BINDING, Set.of("PUSHED"), OptionalInt.empty(),
                    Optional.of(new ProviderUrl("https://region.example.kz/bip-async-client/")), true)));

    private final AsyncDestinations destinations = new AsyncDestinations(SERVICES, MEMBERS, Optional.empty());
    private final AsyncDestinations regional = new AsyncDestinations(SERVICES, MEMBERS, Optional.of(UPSTREAM));

    @Test
    void passesOnToANodeProviderOrRoute() {
        assertThat(destinations.of(message("REGIONAL", null))).isEqualTo(new AsyncDestination.Forward(NODE));
        AcceptedMessage pinned = new AcceptedMessage("sender", "m-2", "PUSHED", "ALMATY", null, "REQUEST",
                "{00000000-0000-0000-0000-000000000002}");
        assertThat(destinations.of(pinned)).isEqualTo(new AsyncDestination.Forward(NODE));
    }

    @Test
    void passesOnWhatARegionalNodeDoesNotServeToItsUpstream() {
        assertThat(regional.of(message("NATIONAL_ONLY", null))).isEqualTo(new AsyncDestination.Forward(UPSTREAM));
        assertThat(regional.of(message("PUSHED", null))).isEqualTo(new AsyncDestination.Push(PROVIDER));
    }

    @Test
    void pushesAnAnswerForANodeRequesterToItsAsyncUrlAsANode() {
        AsyncDestination destination = destinations.of(message("PUSHED", "region"));

        assertThat(destination).isInstanceOf(AsyncDestination.Push.class);
        assertThat(((AsyncDestination.Push) destination).recipient().node()).isTrue();
    }

    @Test
    void pushesToTheProviderOfAPushService() {
        assertThat(destinations.of(message("PUSHED", null))).isEqualTo(new AsyncDestination.Push(PROVIDER));
    }

    @Test
    void putsIntoTheRecipientsInboxForAPullService() {
        assertThat(destinations.of(message("PULLED", null))).isEqualTo(new AsyncDestination.Pull("responder"));
    }

    @Test
    void pushesAnAnswerToTheRequestersAsyncUrlVerifiedByItsOwnBinding() {
        AsyncDestination destination = destinations.of(message("PUSHED", "with-url"));

        assertThat(destination).isInstanceOf(AsyncDestination.Push.class);
        Provider requester = ((AsyncDestination.Push) destination).recipient();
        assertThat(requester.url()).isEqualTo(new ProviderUrl("https://client.example.kz/async"));
        assertThat(requester.certificate()).isEqualTo(REQUESTER_BINDING);
    }

    @Test
    void letsARequesterWithoutAsyncUrlPullItsAnswer() {
        assertThat(destinations.of(message("PUSHED", "without-url"))).isEqualTo(new AsyncDestination.Pull("without-url"));
        assertThat(destinations.of(message("PULLED", "gone-member"))).isEqualTo(new AsyncDestination.Pull("gone-member"));
    }

    @Test
    void rejectsAServiceNoLongerRegistered() {
        assertThatThrownBy(() -> destinations.of(message("REMOVED", null)))
                .isInstanceOfSatisfying(QaqpaFault.class, fault -> assertThat(fault.code()).isEqualTo(ErrorCode.SERVICE_NOT_FOUND));
    }

    private static AcceptedMessage message(String serviceId, String requesterId) {
        return new AcceptedMessage("sender", "m-1", serviceId, null, requesterId == null ? null : "chain-1",
                requesterId == null ? "REQUEST" : "RESPONSE", "{00000000-0000-0000-0000-000000000001}", requesterId);
    }
}
