package io.thermobus.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** README's configuration table and {@link ConfigOption} say the same, so neither drifts from the other. */
class ReadmeConfigurationTableTest {

  /**
   * Rows of the table under "## Configuration": {@code | `key` | `ENV` | `--flag` | default | meaning |}, by key;
   * the default reads "generated" for the token and "(empty)" for an empty text.
   */
  private static Map<String, List<String>> rows() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("## Configuration");
    int end = readme.indexOf("\n## ", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    return section.lines()
        .filter(line -> line.startsWith("| `"))
        .map(line -> Arrays.stream(line.substring(1, line.length() - 1).split(" \\| ", -1))
            .map(cell -> cell.trim().replace("`", "")).toList())
        .collect(Collectors.toMap(cells -> cells.get(0), Function.identity()));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ConfigOption.class)
  void listsEachOptionWithItsEnvironmentVariableFlagAndDefault(ConfigOption option) throws Exception {
    List<String> row = rows().get(option.key());
    assertThat(row).as("a README row for '%s'", option.key()).isNotNull().hasSize(5);
    assertThat(row.get(1)).isEqualTo(option.environmentVariable());
    assertThat(row.get(2)).isEqualTo(option.flag());
    assertThat(row.get(3)).isEqualTo(option.defaultValue() == null ? "generated"
        : option.defaultValue().isEmpty() ? "(empty)" : option.defaultValue());
    assertThat(row.get(4)).isEqualTo(option.description());
  }

  @Test
  void listsNoOptionThatDoesNotExist() throws Exception {
    assertThat(rows().keySet())
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(ConfigOption.values()).map(ConfigOption::key).toList());
  }
}
