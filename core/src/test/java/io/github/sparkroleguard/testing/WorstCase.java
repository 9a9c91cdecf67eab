package io.github.sparkroleguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * The legal policy document that costs the guard most to explain: just under RAM's 6,144-byte
 * limit, one statement of a few hundred short actions (over several services) and a couple of
 * hundred ARN-form resources, so tens of thousands of (action, resource) pairs.
 */
public final class WorstCase {
  /** RAM's limit on a policy document (PLATFORM.md section 4). */
  public static final int MAX_DOCUMENT_BYTES = 6144;
  private static final String[] SERVICES = {"oss", "ecs", "dlf", "kms", "rds", "vpc"};

  private WorstCase() {}

  /** 300 actions and as many resources as fit; {@code seed} varies the names. */
  public static String document(int seed) {
    StringBuilder actions = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      actions.append(i == 0 ? "" : ",").append('"').append(SERVICES[i % SERVICES.length]).append(":A")
          .append(Integer.toString(i + seed * 1000, 36)).append('"');
    }
    String head = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[" + actions + "],\"Resource\":[";
    String tail = "]}]}";
    StringBuilder resources = new StringBuilder();
    for (int i = 0; ; i++) {
      String next = (i == 0 ? "" : ",") + "\"acs:oss:*:*:b" + Integer.toString(i + seed * 1000, 36) + "\"";
      if ((head + resources + next + tail).getBytes(StandardCharsets.UTF_8).length >= MAX_DOCUMENT_BYTES) {
        break;
      }
      resources.append(next);
    }
    return head + resources + tail;
  }

  /** How many (action, resource) pairs the document holds. */
  public static int pairs(String document) {
    try {
      JsonNode statement = TestJson.MAPPER.readTree(document).path("Statement").get(0);
      return statement.path("Action").size() * statement.path("Resource").size();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
