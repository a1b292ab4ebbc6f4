package io.kpbench.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StudentTTest {
    @Test
    void quantilesMatchPublishedTables() {
        assertEquals(12.7062, StudentT.quantile(0.975, 1), 1e-4);
        assertEquals(2.2281, StudentT.quantile(0.975, 10), 1e-4);
        assertEquals(31.5991, StudentT.quantile(0.9995, 2), 1e-4);
        assertEquals(8.6103, StudentT.quantile(0.9995, 4), 1e-4);
        assertEquals(3.2905, StudentT.quantile(0.9995, 1e7), 1e-3, "the normal quantile in the limit");
    }

    @Test
    void fractionalDegreesOfFreedomLieBetweenTheirNeighbours() {
        double t = StudentT.quantile(0.9995, 2.5);
        assertEquals(true, t < StudentT.quantile(0.9995, 2) && t > StudentT.quantile(0.9995, 3), "t = " + t);
    }
}
