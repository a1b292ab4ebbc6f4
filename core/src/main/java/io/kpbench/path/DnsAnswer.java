package io.kpbench.path;

import java.util.List;

/**
 * The answer to a query, after the search path.
 *
 * @param question the name finally asked, fully qualified with the trailing dot
 * @param type the query type
 * @param status {@code NOERROR} or {@code NXDOMAIN}
 * @param answers the answer section (empty for NXDOMAIN and for NODATA)
 * @param server which resolver answered: {@code cluster DNS} or {@code public DNS}
 * @param tried every name asked, in order (the search path's expansions)
 */
public record DnsAnswer(String question, DnsType type, String status, List<DnsRecord> answers, String server,
        List<String> tried) {
    /** NOERROR. */
    public static final String NOERROR = "NOERROR";
    /** NXDOMAIN. */
    public static final String NXDOMAIN = "NXDOMAIN";

    /** Copies the lists. */
    public DnsAnswer {
        answers = List.copyOf(answers);
        tried = List.copyOf(tried);
    }

    /** True when there are answer records. */
    public boolean hasAnswers() {
        return !answers.isEmpty();
    }

    /** The answer as dig prints it: header, QUESTION and ANSWER sections, server. */
    public String dig() {
        StringBuilder sb = new StringBuilder();
        sb.append(";; ->>HEADER<<- opcode: QUERY, status: ").append(status).append('\n');
        sb.append(";; QUESTION SECTION:\n;").append(question).append("\t\tIN\t").append(type).append("\n\n");
        if (!answers.isEmpty()) {
            sb.append(";; ANSWER SECTION:\n");
            for (DnsRecord r : answers) {
                sb.append(r).append('\n');
            }
            sb.append('\n');
        }
        sb.append(";; SERVER: ").append(server).append('\n');
        if (tried.size() > 1) {
            sb.append(";; SEARCH: ").append(String.join(" ", tried)).append('\n');
        }
        return sb.toString();
    }
}
