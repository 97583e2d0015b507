package org.qaqpa.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents members.yaml and services.yaml: every key, with an example. */
class RegistryDocsTest {

    private static final Pattern KEY_ROW = Pattern.compile("^\\| `([a-z-]+)`(?:, `([a-z-]+)`)? \\|", Pattern.MULTILINE);

    @Test
    void documentsEveryMemberKeyWithAnExample() throws Exception {
        String section = section("## members.yaml");

        assertThat(section).contains("```yaml\nmembers:\n");
        assertThat(documentedKeys(section)).containsExactlyInAnyOrderElementsOf(MembersFile.MEMBER_KEYS);
    }

    @Test
    void documentsEveryServiceKeyWithAnExample() throws Exception {
        String section = section("## services.yaml");

        assertThat(section).contains("```yaml\nservices:\n");
        assertThat(documentedKeys(section)).containsExactlyInAnyOrderElementsOf(ServicesFile.SERVICE_KEYS);
    }

    private static List<String> documentedKeys(String section) {
        Matcher m = KEY_ROW.matcher(section);
        List<String> keys = new ArrayList<>();
        while (m.find()) {
            keys.add(m.group(1));
            if (m.group(2) != null) {
                keys.add(m.group(2));
            }
        }
        keys.remove("key");
        return keys;
    }

    private static String section(String heading) throws Exception {
        String doc = Files.readString(RegistryTestFiles.projectDir().resolve("docs/configuration.md"));
        int start = doc.indexOf("\n" + heading);
        assertThat(start).as(heading).isPositive();
        int end = doc.indexOf("\n## ", start + 1);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }
}
