package io.github.sparkroleguard.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.json.Json;
import java.time.Clock;
import java.util.function.Consumer;

/** One structured JSON line per decision, for the function's log (SLS). */
public final class DecisionLog {
  private final Consumer<String> sink;
  private final Clock clock;

  public DecisionLog(Consumer<String> sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
  }

  /** Starts a line; fill it and call {@link Line#write()}. */
  public Line line(String decision) {
    return new Line(decision);
  }

  /** A line being built. */
  public final class Line {
    private final ObjectNode node = Json.object();

    private Line(String decision) {
      node.put("ts", clock.instant().toString());
      node.put("logger", "spark-role-guard");
      node.put("decision", decision);
    }

    public Line put(String key, String value) {
      node.put(key, value);
      return this;
    }

    public Line put(String key, int value) {
      node.put(key, value);
      return this;
    }

    public void write() {
      sink.accept(Json.write(node));
    }
  }
}
