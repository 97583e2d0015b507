package org.qaqpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qaqpa.registry.PasswordHash;
import picocli.CommandLine;

class MemberCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void hashPasswordReadsTheNamedVariable() {
        int exit = hashPassword(Map.of("MEMBER_PW", "from-env"), "", "--password-env", "MEMBER_PW");

        assertThat(exit).isZero();
        assertThat(printedHash().matches("from-env".toCharArray())).isTrue();
    }

    @Test
    void hashPasswordReadsTheFirstLineOfStandardInput() {
        int exit = hashPassword(Map.of(), "пароль stdin\nsecond line\n", "--stdin");

        assertThat(exit).isZero();
        PasswordHash hash = printedHash();
        assertThat(hash.matches("пароль stdin".toCharArray())).isTrue();
        assertThat(hash.iterations()).isEqualTo(PasswordHash.DEFAULT_ITERATIONS);
    }

    @Test
    void hashPasswordReadsStandardInputWhenItIsNotATerminal() {
        assertThat(hashPassword(Map.of(), "piped\n")).isZero();

        assertThat(printedHash().matches("piped".toCharArray())).isTrue();
    }

    @Test
    void hashPasswordRefusesAnUnsetVariable() {
        assertThat(hashPassword(Map.of(), "", "--password-env", "NOT_SET")).isEqualTo(2);

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("NOT_SET").contains("not set");
    }

    @Test
    void hashPasswordRefusesAnEmptyPassword() {
        assertThat(hashPassword(Map.of(), "\n", "--stdin")).isEqualTo(2);

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("the password is empty");
    }

    @Test
    void hashPasswordTakesNoPasswordArgument() {
        assertThat(hashPassword(Map.of(), "", "changeit")).isEqualTo(2);

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("Unmatched argument");
    }

    @Test
    void memberIsASubcommandOfQaqpa() {
        CommandLine qaqpa = new CommandLine(new QaqpaCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

        assertThat(qaqpa.execute("member", "--help")).isZero();

        assertThat(out.toString()).contains("hash-password");
    }

    private int hashPassword(Map<String, String> environment, String stdin, String... args) {
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        MemberCommand.HashPassword command = new MemberCommand.HashPassword(environment::get, () -> in, () -> null);
        return new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    private PasswordHash printedHash() {
        String printed = out.toString();
        assertThat(printed.lines()).hasSize(1);
        return PasswordHash.parse(printed.strip()).orElseThrow();
    }
}
