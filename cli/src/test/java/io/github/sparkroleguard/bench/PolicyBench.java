package io.github.sparkroleguard.bench;

import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.policy.Decision;
import io.github.sparkroleguard.policy.Evaluator;
import io.github.sparkroleguard.policy.Policy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Policy decisions per second, for the documented custom policy and a 30-statement policy.
 * A documented main, not a test: run it with {@code bench/policy.sh}. Prints the median of 5
 * one-second rounds after a 2-second warm-up, with a trivial loop as the baseline of the same run.
 */
public final class PolicyBench {
  private PolicyBench() {}

  public static void main(String[] args) {
    Policy custom = Policy.parse(SampleAccount.resource("/policies/custom-execution-role-oss-dlf.json"));
    Policy thirty = Policy.parse(thirtyStatements());
    String[][] requests = {
        {"oss:PutObject", "acs:oss:*:*:serverless-spark-test-resources/data/part-0001.parquet"},
        {"oss:PutObject", "acs:oss:*:*:other-bucket/x"},
        {"dlf:GetTable", "*"},
        {"dlf:DropCatalog", "*"},
        {"kms:Decrypt", "acs:kms:cn-hangzhou:123:key/k"},
        {"ecs:RunInstances", "*"}};
    System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, JDK " + System.getProperty("java.version"));
    report("baseline: array walk (no evaluation)", () -> requests[(int) (System.nanoTime() & 3)][0].length());
    report("documented custom policy (4 statements, 91 actions)", () -> Evaluator.decide(custom, pick(requests), pickResource(requests)).ordinal());
    report("30-statement policy", () -> Evaluator.decide(thirty, pick(requests), pickResource(requests)).ordinal());
    if (Evaluator.decide(custom, "oss:PutObject", requests[0][1]) != Decision.ALLOW) {
      throw new IllegalStateException("benchmark sanity check failed");
    }
  }

  private static int next;

  private static String pick(String[][] r) {
    next = (next + 1) % r.length;
    return r[next][0];
  }

  private static String pickResource(String[][] r) {
    return r[next][1];
  }

  interface Op {
    int run();
  }

  static void report(String name, Op op) {
    long sink = 0;
    long end = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < end) {
      sink += op.run();
    }
    double[] rounds = new double[5];
    for (int r = 0; r < rounds.length; r++) {
      long n = 0;
      long start = System.nanoTime();
      long stop = start + 1_000_000_000L;
      while (System.nanoTime() < stop) {
        for (int i = 0; i < 1000; i++) {
          sink += op.run();
        }
        n += 1000;
      }
      rounds[r] = n / ((System.nanoTime() - start) / 1e9);
    }
    Arrays.sort(rounds);
    System.out.printf("%-55s %,14.0f decisions/s (median of 5; min %,.0f, max %,.0f)%s%n", name, rounds[2], rounds[0], rounds[4],
        sink == 42 ? " " : "");
  }

  static String thirtyStatements() {
    List<String> statements = new ArrayList<>();
    String[] services = {"oss", "dlf", "kms", "odps", "ecs", "rds"};
    for (int i = 0; i < 30; i++) {
      String svc = services[i % services.length];
      statements.add("{\"Effect\":\"" + (i % 10 == 9 ? "Deny" : "Allow") + "\",\"Action\":[\"" + svc + ":Get*\",\"" + svc
          + ":List" + i + "*\",\"" + svc + ":Describe?\"],\"Resource\":[\"acs:" + svc + ":*:*:res-" + i + "/*\",\"acs:" + svc
          + ":cn-*:*:shared/" + i + "\"]}");
    }
    return "{\"Version\":\"1\",\"Statement\":[" + String.join(",", statements) + "]}";
  }
}
