package io.github.sparkroleguard.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.event.Classification;
import io.github.sparkroleguard.event.Classifier;
import io.github.sparkroleguard.event.InputParser;
import io.github.sparkroleguard.testing.TestJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: how fast an event is parsed from bytes and classified, one thread. {@code copy} is the
 * baseline (copying the same bytes); {@code irrelevant} cycles through five kinds that must be
 * skipped (another service, a failed call, an unwatched role, a read, ResourceManager's
 * CreateRole), each padded to a typical 3-4 KB record; {@code relevant} is DeleteRole of the
 * default role. Targets: 100,000 irrelevant events per second per core; a relevant one in under
 * 50 µs. Run with {@code bash bench/run.sh throughput}.
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EventBench {
  static final List<String> SKIPS = List.of("skip-unrelated-service.json", "skip-failed-call.json",
      "skip-unwatched-role.json", "skip-read-only-call.json", "skip-unrelated-policy.json");

  private Classifier classifier;
  private byte[][] skips;
  private byte[] relevant;
  private int next;

  @Setup
  public void setUp() throws Exception {
    classifier = new Classifier(new ConfigLoader(name -> null, null)
        .parse("roles:\n  - name: AliyunEMRSparkJobRunDefaultRole\n"));
    skips = new byte[SKIPS.size()][];
    for (int i = 0; i < skips.length; i++) {
      ObjectNode e = (ObjectNode) TestJson.MAPPER.readTree(Files.readAllBytes(Path.of("events", SKIPS.get(i))));
      ObjectNode data = e.has("data") ? (ObjectNode) e.get("data") : e;
      // the kind of field real records carry, to a typical 2-4 KB
      data.putObject("additionalEventData").put("loginTrace", "x".repeat(1500)).put("callerBizId", "y".repeat(300 + 100 * i));
      skips[i] = TestJson.MAPPER.writeValueAsBytes(e);
      if (!classify(skips[i]).skipped()) {
        throw new IllegalStateException(SKIPS.get(i) + " is not skipped");
      }
    }
    relevant = Files.readAllBytes(Path.of("events/eventbridge-delete-role-default.json"));
    if (classify(relevant).skipped()) {
      throw new IllegalStateException("the relevant event is skipped");
    }
    System.out.println("\nrecord sizes: " + skips[0].length + "-" + skips[skips.length - 1].length + " bytes");
  }

  private Classification classify(byte[] payload) {
    return classifier.classify(InputParser.parse(payload).records().get(0), "");
  }

  private byte[] nextSkip() {
    next = next == skips.length - 1 ? 0 : next + 1;
    return skips[next];
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  public byte[] copy() {
    return nextSkip().clone();
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  public Classification irrelevant() {
    return classify(nextSkip());
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Classification relevant() {
    return classify(relevant);
  }
}
