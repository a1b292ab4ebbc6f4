package io.kpbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --help} of both commands shows every option with its default, and exits 0. */
class HelpTest {
    @Test
    void reportHelpListsEveryOptionAndItsDefault() {
        ReportMainTest.Result r = ReportMainTest.run("report", "--help");
        assertEquals(0, r.code());
        for (String s : List.of("Usage: kpbench-reports report", "[DIR]", "--latest[=RESULTS]", "-o, --out=OUT",
                "--in-place", "--partial", "--results=RESULTS", "Default: results", "Exit codes:")) {
            assertTrue(r.out().contains(s), s + " in\n" + r.out());
        }
    }

    @Test
    void compareHelpListsEveryOptionAndItsDefault() {
        ReportMainTest.Result r = ReportMainTest.run("compare", "--help");
        assertEquals(0, r.code());
        for (String s : List.of("Usage: kpbench-reports compare", "OLD NEW", "-o, --out=OUT", "--tolerance=PCT",
                "Default: 10", "--partial", "inconclusive (noise)")) {
            assertTrue(r.out().contains(s), s + " in\n" + r.out());
        }
    }

    @Test
    void topLevelHelpNamesBothCommands() {
        ReportMainTest.Result r = ReportMainTest.run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("report") && r.out().contains("compare"), r.out());
    }
}
