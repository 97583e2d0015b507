package org.qaqpa.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code docs/errors.md} and {@link ErrorCode} agree, and every test the catalogue names exists. */
class ErrorCatalogueTest {

    private static final Pattern ROW = Pattern.compile(
            "^\\| `([A-Z_]+)` \\| (client|server) \\| ([^|]+) \\| ([^|]+) \\| ([^|]+) \\|$");
    private static final Pattern TEST = Pattern.compile("`(\\w+)#(\\w+)`");

    record Row(String code, String side, String meaning, String test) {
    }

    @Test
    void documentListsExactlyTheEnumInOrder() throws Exception {
        List<Row> rows = rows();
        assertThat(rows).extracting(Row::code)
                .containsExactlyElementsOf(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        for (Row row : rows) {
            ErrorCode code = ErrorCode.valueOf(row.code());
            assertThat(row.side()).as(row.code()).isEqualTo(code.side().name().toLowerCase());
            assertThat(row.meaning().trim()).as(row.code()).isEqualTo(code.meaning());
        }
    }

    @Test
    void namedTestsExist() throws Exception {
        int named = 0;
        for (Row row : rows()) {
            Matcher m = TEST.matcher(row.test());
            if (!m.find()) {
                assertThat(row.test().trim()).as(row.code()).isEqualTo("—");
                continue;
            }
            Class<?> testClass = findTestClass(m.group(1));
            assertThat(Arrays.stream(testClass.getDeclaredMethods()).map(java.lang.reflect.Method::getName))
                    .as(row.code()).contains(m.group(2));
            named++;
        }
        assertThat(named).isGreaterThanOrEqualTo(6);
    }

    private static Class<?> findTestClass(String simpleName) throws ClassNotFoundException {
        for (String pkg : List.of("org.qaqpa.e2e", "org.qaqpa.server", "org.qaqpa.xml", "org.qaqpa.routing", "org.qaqpa.error",
                "org.qaqpa.security.dsig", "org.qaqpa.security.pki", "org.qaqpa.cli", "org.qaqpa.registry")) {
            try {
                return Class.forName(pkg + "." + simpleName);
            } catch (ClassNotFoundException e) {
                // try the next package
            }
        }
        throw new ClassNotFoundException(simpleName);
    }

    private static List<Row> rows() throws Exception {
        Path doc = Path.of(System.getProperty("qaqpa.project.dir", ".")).resolve("docs/errors.md");
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(doc)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.add(new Row(m.group(1), m.group(2), m.group(3), m.group(5)));
            }
        }
        return rows;
    }
}
