package io.kpbench.path;

/** The steps a packet walk reports, in the order they can occur. */
public enum HopKind {
    /** A DNS name was resolved before the connection (walk output only). */
    RESOLVE,
    /** The client sends the packet (detail: 0). */
    SEND,
    /** The cloud LB receives it (detail: listener index). */
    LOAD_BALANCER,
    /** The LB's flow table already knew the flow (detail: conntrack reference). */
    LOAD_BALANCER_FLOW,
    /**
     * The provider's 1:1 NAT translated a node's ExternalIP to its InternalIP, or the reply's source back (detail:
     * the node index).
     */
    CLOUD_NAT,
    /** The packet arrives at a node (detail: 0). */
    NODE,
    /** The node's conntrack matched an established flow: no rule walked (detail: conntrack reference). */
    CONNTRACK_HIT,
    /** The node's proxier classified a NEW packet (detail: the packed classification). */
    PROXY,
    /** Destination NAT to the endpoint, the packet's new destination (detail: the classification). */
    DNAT,
    /** Source NAT to the node IP with a conntrack-allocated port (detail: 0). */
    SNAT,
    /** Routed to another node (detail: the destination node index). */
    ROUTE,
    /** Encapsulated in VXLAN between the nodes (detail: the destination node index). */
    OVERLAY,
    /** Delivered to a pod (detail: pod index) or to the node itself (detail: -1). */
    DELIVER,
    /** Dropped or rejected (detail: {@link JourneyResult} outcome). */
    DROP,
    /** A node's conntrack reversed the NAT of a reply (detail: conntrack reference). */
    UNNAT,
    /** The LB's flow table reversed its NAT of a reply (detail: conntrack reference). */
    LOAD_BALANCER_UNNAT,
    /** The originator receives the reply (detail: 1 when its source is the address dialled, else 0). */
    RECEIVE
}
