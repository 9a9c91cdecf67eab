package io.github.sparkroleguard.bench;

import io.github.sparkroleguard.handler.GuardHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A cold start as Function Compute runs it, for bench/coldstart.sh: in a fresh JVM, the
 * initializer hook ({@code GuardHandler::initialize}, configuration from GUARD_CONFIG), then the
 * first event, then a second invocation (a check of the same role, the same RAM reads). Prints
 * "answered" as soon as the first event is answered (bench/ColdStartRun times a fresh process up
 * to that line), then the three times in milliseconds as one JSON line. The decision log goes to a discarded stream.
 *
 * <p>Usage: {@code FcColdStart event.json}
 */
public final class FcColdStart {
  private FcColdStart() {}

  public static void main(String[] args) throws Exception {
    byte[] event = Files.readAllBytes(Path.of(args[0]));
    byte[] check = "{\"action\":\"check\",\"roleName\":\"AliyunEMRSparkJobRunDefaultRole\"}"
        .getBytes(StandardCharsets.UTF_8);
    PrintStream out = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    long t0 = System.nanoTime();
    GuardHandler handler = new GuardHandler();
    handler.initialize(null);
    long t1 = System.nanoTime();
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), first, null);
    long t2 = System.nanoTime();
    // bench/ColdStartRun stops its clock here: the first event answered, as FC would return it.
    out.println("answered");
    out.flush();
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(check), second, null);
    long t3 = System.nanoTime();
    if (!first.toString(StandardCharsets.UTF_8).contains("\"drifted\"")) {
      throw new IllegalStateException("the first event did not report the drift: " + first);
    }
    out.println("{\"initializeMs\":" + (t1 - t0) / 1_000_000 + ",\"firstEventMs\":" + (t2 - t1) / 1_000_000
        + ",\"secondInvocationMs\":" + (t3 - t2) / 1_000_000 + "}");
  }
}
