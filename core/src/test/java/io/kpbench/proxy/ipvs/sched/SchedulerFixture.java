package io.kpbench.proxy.ipvs.sched;

import io.kpbench.proxy.ipvs.IpvsConfig;
import io.kpbench.proxy.ipvs.kernel.IpvsNetlink;
import io.kpbench.proxy.ipvs.kernel.IpvsScheduler;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.ServiceKey;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;

/** One virtual server with destinations, for scheduler tests. */
final class SchedulerFixture {
    final RealServerPool rs;
    final IpvsScheduler sched;
    final IpvsNetlink netlink;
    final int v;

    SchedulerFixture(String scheduler) {
        this(IpvsConfig.defaults().withScheduler(scheduler), 0);
    }

    SchedulerFixture(IpvsConfig config, int flags) {
        VirtualServerTable vst = new VirtualServerTable(config.svcTabBits(), 64);
        rs = new RealServerPool(256);
        sched = config.newScheduler(vst, rs);
        netlink = new IpvsNetlink(vst, rs, sched);
        v = netlink.addService(ServiceKey.pack(0xAC1E0029, 6, 80), flags, 0, 0, 0);
    }

    /** Adds 10.180.0.{i}:80 with weight w (at the list head, as the kernel does). */
    int add(int i, int w) {
        return netlink.addDest(v, 0x0AB40000 | i, 80, w);
    }

    int pick(int saddr, int sport) {
        return sched.schedule(v, saddr, sport, 0xAC1E0029, 0L);
    }

    int pick() {
        return pick(0x0A000005, 1000);
    }
}
