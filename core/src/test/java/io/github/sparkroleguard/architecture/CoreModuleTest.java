package io.github.sparkroleguard.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The core module is the decisions and nothing that talks to the cloud: no Alibaba Cloud SDK,
 * HTTP or YAML library is on its classpath (core/pom.xml's enforcer rule bans them from its
 * dependency list), and its sources use none of the JDK's HTTP clients or servers. Runs with
 * the repository root as working directory (the parent pom's surefire configuration).
 */
class CoreModuleTest {
  static final Path CORE = Path.of("core/src/main/java");
  static final Pattern JDK_HTTP = Pattern.compile(
      "\\bjava\\.net\\.http\\b|\\bjava\\.net\\.(HttpURLConnection|URL|Socket|ServerSocket)\\b|\\bcom\\.sun\\.net\\.httpserver\\b|\\bjavax\\.net\\b");

  @ParameterizedTest
  @ValueSource(strings = {"com.aliyuncs.IAcsClient", "com.aliyun.fc.runtime.Context", "org.yaml.snakeyaml.Yaml",
      "com.fasterxml.jackson.dataformat.yaml.YAMLFactory", "org.bouncycastle.jce.provider.BouncyCastleProvider",
      "io.github.sparkroleguard.emulator.CloudEmulator", "io.github.sparkroleguard.local.Main",
      "io.github.sparkroleguard.handler.GuardHandler"})
  void notOnCoreClasspath(String name) {
    assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name + " must not reach core");
  }

  @Test
  void jacksonJsonIs() throws ClassNotFoundException {
    assertEquals("JsonNode", Class.forName("com.fasterxml.jackson.databind.JsonNode").getSimpleName());
  }

  @Test
  void coreSourcesUseNoJdkHttp() throws IOException {
    List<String> bad;
    try (Stream<Path> files = Files.walk(CORE)) {
      bad = files.filter(p -> p.toString().endsWith(".java")).filter(CoreModuleTest::usesHttp)
          .map(Path::toString).sorted().collect(Collectors.toList());
    }
    assertEquals(List.of(), bad, "core must not use HTTP: move the class to cloud/");
  }

  @Test
  void httpRule_firesOnItsExamples() {
    for (String s : List.of("import java.net.http.HttpClient;", "java.net.HttpURLConnection c;", "import java.net.URL;",
        "import com.sun.net.httpserver.HttpServer;", "import javax.net.ssl.SSLContext;")) {
      assertEquals(true, JDK_HTTP.matcher(s).find(), s);
    }
    assertEquals(false, JDK_HTTP.matcher("import java.net.URI;\nimport java.net.URLEncoder;").find());
  }

  static boolean usesHttp(Path p) {
    try {
      return JDK_HTTP.matcher(Files.readString(p)).find();
    } catch (IOException e) {
      throw new IllegalStateException(p + ": " + e.getMessage(), e);
    }
  }
}
