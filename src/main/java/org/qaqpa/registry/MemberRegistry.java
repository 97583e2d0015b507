package org.qaqpa.registry;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registered members by senderId. The content is replaced as a whole when {@code members.yaml}
 * changes ({@link RegistryFiles}), so a request sees either the old or the new file, never a mix.
 */
public final class MemberRegistry {

    private volatile Map<String, Member> bySenderId;

    public MemberRegistry(Collection<Member> members) {
        this.bySenderId = index(members);
    }

    public Optional<Member> find(String senderId) {
        return senderId == null ? Optional.empty() : Optional.ofNullable(bySenderId.get(senderId));
    }

    /** The members that are other gateway nodes ({@code node: true}). */
    public List<Member> nodes() {
        return bySenderId.values().stream().filter(Member::node).toList();
    }

    /** Every registered member. */
    public Collection<Member> all() {
        return bySenderId.values();
    }

    public int size() {
        return bySenderId.size();
    }

    void replace(Collection<Member> members) {
        bySenderId = index(members);
    }

    private static Map<String, Member> index(Collection<Member> members) {
        return members.stream().collect(Collectors.toUnmodifiableMap(Member::senderId, Function.identity()));
    }
}
