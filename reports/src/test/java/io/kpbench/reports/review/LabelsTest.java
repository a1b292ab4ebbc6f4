package io.kpbench.reports.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LabelsTest {
    @Test
    void threeSignificantFiguresKeepTheirZerosAndARoundingIntoTheNextDecadeShowsAsThatDecade() {
        assertEquals("9.87", Labels.sig3(9.871));
        assertEquals("11.0", Labels.sig3(11.0));
        assertEquals("10.0", Labels.sig3(9.998), "not 10.00");
        assertEquals("100", Labels.sig3(99.97), "not 100.0");
        assertEquals("1.00", Labels.sig3(0.9996), "not 1.000");
        assertEquals("0.0648", Labels.sig3(0.06478));
        assertEquals("1,234", Labels.sig3(1234.4));
        assertEquals("–", Labels.sig3(Double.NaN));
    }
}
