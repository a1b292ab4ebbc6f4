package io.kpbench.reports;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

    /**
     * picocli formats every help text with String.format; a bare % makes it warn on stderr and print the raw text.
     * The texts are read from the annotations, as written, because picocli hands back the formatted ones.
     */
    @Test
    void everyHelpTextIsAValidFormatStringSoHelpPrintsNoWarning() {
        CommandLine top = new CommandLine(new ReportMain());
        List<CommandLine> commands = new ArrayList<>(top.getSubcommands().values());
        commands.add(top);
        for (CommandLine c : commands) {
            Class<?> type = c.getCommand().getClass();
            List<String> texts = new ArrayList<>();
            if (type.getAnnotation(Command.class) != null) {
                texts.addAll(List.of(type.getAnnotation(Command.class).description()));
            }
            List<Field> fields = new ArrayList<>(List.of(type.getDeclaredFields()));
            for (Field m : type.getDeclaredFields()) {
                if (m.getAnnotation(Mixin.class) != null) {
                    fields.addAll(List.of(m.getType().getDeclaredFields()));
                }
            }
            for (Field f : fields) {
                if (f.getAnnotation(Option.class) != null) {
                    texts.addAll(List.of(f.getAnnotation(Option.class).description()));
                }
                if (f.getAnnotation(Parameters.class) != null) {
                    texts.addAll(List.of(f.getAnnotation(Parameters.class).description()));
                }
            }
            for (String t : texts) {
                assertDoesNotThrow(() -> String.format(t), c.getCommandName() + ": " + t);
            }
        }
    }

    @Test
    void topLevelHelpNamesBothCommands() {
        ReportMainTest.Result r = ReportMainTest.run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("report") && r.out().contains("compare"), r.out());
    }
}
