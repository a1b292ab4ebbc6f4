package io.kpbench.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An ordered batch of control-plane changes (add, update, delete of a Service or an EndpointSlice), the unit of an
 * incremental sync, as kube-proxy's {@code ServiceChangeTracker} and {@code EndpointsChangeTracker} batch them.
 *
 * @param changes the changes in the order they happened
 */
public record ChangeSet(List<Change> changes) {

    /** Copies the list. */
    public ChangeSet {
        changes = List.copyOf(changes);
    }

    /** What happened to an object. */
    public enum Op {
        ADD,
        UPDATE,
        DELETE
    }

    /** One change; exactly one of the payloads matches the kind, and it is null on DELETE. */
    public sealed interface Change permits ServiceChange, SliceChange {
        /** The operation. */
        Op op();

        /** The changed object's reference. */
        ObjectRef ref();

        /** The service whose proxy rules this change affects. */
        ObjectRef serviceRef();
    }

    /**
     * A change to a Service.
     *
     * @param op the operation
     * @param ref the service
     * @param service the new state, null on DELETE
     */
    public record ServiceChange(Op op, ObjectRef ref, Service service) implements Change {
        @Override
        public ObjectRef serviceRef() {
            return ref;
        }
    }

    /**
     * A change to an EndpointSlice.
     *
     * @param op the operation
     * @param ref the slice
     * @param serviceRef the owning service
     * @param slice the new state, null on DELETE
     */
    public record SliceChange(Op op, ObjectRef ref, ObjectRef serviceRef, EndpointSlice slice) implements Change {
    }

    /** The services whose rules the batch touches, in first-touched order. */
    public Set<ObjectRef> touchedServices() {
        Set<ObjectRef> out = new LinkedHashSet<>();
        for (Change c : changes) {
            out.add(c.serviceRef());
        }
        return Collections.unmodifiableSet(out);
    }

    /** True when the batch holds no change. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** A builder that records changes in order. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects changes; not thread-safe. */
    public static final class Builder {
        private final List<Change> changes = new ArrayList<>();

        /** Records an added service. */
        public Builder addService(Service s) {
            changes.add(new ServiceChange(Op.ADD, s.ref(), s));
            return this;
        }

        /** Records an updated service. */
        public Builder updateService(Service s) {
            changes.add(new ServiceChange(Op.UPDATE, s.ref(), s));
            return this;
        }

        /** Records a deleted service. */
        public Builder deleteService(ObjectRef ref) {
            changes.add(new ServiceChange(Op.DELETE, ref, null));
            return this;
        }

        /** Records an added slice. */
        public Builder addSlice(EndpointSlice s) {
            changes.add(new SliceChange(Op.ADD, s.ref(), s.serviceRef(), s));
            return this;
        }

        /** Records an updated slice. */
        public Builder updateSlice(EndpointSlice s) {
            changes.add(new SliceChange(Op.UPDATE, s.ref(), s.serviceRef(), s));
            return this;
        }

        /** Records a deleted slice of {@code serviceRef}. */
        public Builder deleteSlice(ObjectRef ref, ObjectRef serviceRef) {
            changes.add(new SliceChange(Op.DELETE, ref, serviceRef, null));
            return this;
        }

        /** The batch. */
        public ChangeSet build() {
            return new ChangeSet(changes);
        }
    }
}
