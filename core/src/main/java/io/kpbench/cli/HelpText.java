package io.kpbench.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * What every command's {@code --help} ends with: the keys of {@code --synthetic} (for the commands that take it),
 * then the exit codes. Built at start-up from the code that defines them, so the help cannot drift from it.
 */
final class HelpText {
    /** The help section that lists the keys of {@code --synthetic}. */
    static final String SYNTHETIC_KEYS = "syntheticKeys";

    private HelpText() {
    }

    /** Adds the footers to {@code cl} and, recursively, to its subcommands. */
    static void decorate(CommandLine cl) {
        UsageMessageSpec u = cl.getCommandSpec().usageMessage();
        if (cl.getCommandSpec().findOption("--synthetic") != null) {
            cl.getHelpSectionMap().put(SYNTHETIC_KEYS, help -> SyntheticOptions.keysSection());
            List<String> keys = new ArrayList<>(cl.getHelpSectionKeys());
            keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING),
                    SYNTHETIC_KEYS);
            cl.setHelpSectionKeys(keys);
        }
        u.exitCodeListHeading("%nExit codes:%n");
        u.exitCodeList(Main.exitCodes());
        for (CommandLine sub : cl.getSubcommands().values()) {
            decorate(sub);
        }
    }
}
