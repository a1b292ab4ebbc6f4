package io.kpbench.proxy.ipvs;

/** One virtual server with destinations, for scheduler tests. */
final class SchedulerFixture {
    final IpvsCore core;
    final int v;

    SchedulerFixture(String scheduler) {
        this(IpvsConfig.defaults().withScheduler(scheduler), 0);
    }

    SchedulerFixture(IpvsConfig config, int flags) {
        core = new IpvsCore(config);
        v = core.addService(ServiceKey.pack(0xAC1E0029, 6, 80), flags, 0, 0, 0);
    }

    /** Adds 10.180.0.{i}:80 with weight w (at the list head, as the kernel does). */
    int add(int i, int w) {
        return core.addDest(v, 0x0AB40000 | i, 80, w);
    }

    int pick(int saddr, int sport) {
        return core.sched.schedule(v, saddr, sport, 0xAC1E0029, 0L);
    }

    int pick() {
        return pick(0x0A000005, 1000);
    }
}
