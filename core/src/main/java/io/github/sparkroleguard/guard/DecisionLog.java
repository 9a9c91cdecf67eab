package io.github.sparkroleguard.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.drift.DriftItem;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.report.RoleReport;
import io.github.sparkroleguard.restore.StepResult;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

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

  /** The line of one role's pass; returns the result for chaining. */
  RoleReport role(RoleReport r) {
    line("role").put("role", r.roleName()).put("trigger", r.trigger().name().toLowerCase(Locale.ROOT))
        .put("status", r.status().wireName()).put("action", r.action().wireName())
        .put("drift", r.drift().stream().map(DriftItem::code).collect(Collectors.joining(",")))
        .put("error", r.error()).write();
    return r;
  }

  /** The line of one restore write. */
  void write(String roleName, StepResult r) {
    line("write").put("role", roleName).put("action", r.step().action().apiName())
        .put("status", r.status().name().toLowerCase(Locale.ROOT)).put("detail", r.detail()).write();
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
