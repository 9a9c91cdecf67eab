package io.github.sparkroleguard.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jar Function Compute runs (function/target/spark-role-guard.jar, built in the package
 * phase before this runs) holds the handler and no class of the emulator or the command line:
 * every class whose source is under emulator/ or cli/ is absent. Runs from the repository root.
 */
class FunctionJarIT {
  static final Path JAR = Path.of("function/target/spark-role-guard.jar");

  @Test
  void functionJar_holdsNoEmulatorOrCommandLineClass() throws IOException {
    Set<String> entries;
    try (JarFile jar = new JarFile(JAR.toFile())) {
      entries = jar.stream().map(e -> e.getName()).collect(Collectors.toSet());
    }
    assertTrue(entries.contains("io/github/sparkroleguard/handler/GuardHandler.class"), "the handler is in the jar");
    assertTrue(entries.contains("io/github/sparkroleguard/handler/CustomRuntime.class"), "the custom runtime is in the jar");
    List<String> outside = Stream.concat(classesUnder(Path.of("emulator/src/main/java")), classesUnder(Path.of("cli/src/main/java")))
        .collect(Collectors.toList());
    assertTrue(outside.contains("io/github/sparkroleguard/emulator/CloudEmulator.class"), "the check sees the emulator");
    assertTrue(outside.contains("io/github/sparkroleguard/local/Main.class"), "the check sees the command line");
    assertEquals(List.of(), outside.stream().filter(entries::contains).collect(Collectors.toList()),
        "emulator and command-line classes in the function jar");
    assertEquals(List.of(), entries.stream().filter(e -> e.startsWith("io/github/sparkroleguard/emulator/")
        || e.startsWith("io/github/sparkroleguard/local/") || e.startsWith("emulator/") || e.startsWith("events/"))
        .collect(Collectors.toList()), "emulator resources or packages in the function jar");
  }

  static Stream<String> classesUnder(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      List<String> out = files.filter(p -> p.toString().endsWith(".java"))
          .map(p -> root.relativize(p).toString().replace('\\', '/').replaceAll("\\.java$", ".class"))
          .collect(Collectors.toList());
      return out.stream();
    }
  }
}
