package io.kpbench.plan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every citation {@code kpbench plan} prints has its text in {@code citations.properties}. */
class CitationTest {
    @ParameterizedTest
    @EnumSource(Citation.class)
    void everyCitationHasOneLineOfText(Citation c) {
        String t = c.text();
        assertFalse(t.isBlank(), c.name());
        assertFalse(t.contains("\n"), c.name());
        assertTrue(t.length() > 20, c.name() + ": " + t);
    }
}
