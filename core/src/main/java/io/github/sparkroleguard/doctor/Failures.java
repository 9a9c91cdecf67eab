package io.github.sparkroleguard.doctor;

import io.github.sparkroleguard.transport.CloudCallException;
import java.util.Locale;

/** How the checks word a failed call: "not permitted" (with the permission to grant) versus anything else. */
final class Failures {
  private Failures() {}

  /** True for the codes a cloud API answers when the caller lacks a permission. */
  static boolean denied(CloudCallException e) {
    String c = e.code().toLowerCase(Locale.ROOT);
    return c.startsWith("nopermission") || c.startsWith("forbidden") || c.startsWith("accessdenied")
        || c.contains("notauthorized") || c.startsWith("unauthorized");
  }

  /** The one-line account of a failed call, code first. */
  static String describe(String call, CloudCallException e) {
    return call + " failed: " + e.code() + (e.getMessage() == null || e.getMessage().isEmpty() ? "" : " (" + e.getMessage() + ")");
  }

  /** The fix for a failed call: the permission when denied, otherwise where to look. */
  static String fix(CloudCallException e, String permission) {
    if (e.code().equals("NoCredentials")) {
      return "give doctor credentials: in FC they come from the function's role; locally set ALIBABA_CLOUD_ACCESS_KEY_ID "
          + "and ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    }
    if (denied(e)) {
      return "grant " + permission + " to the role the guard runs as (java -jar spark-role-guard.jar function-policy prints "
          + "the policies to attach)";
    }
    return "check the endpoint in the configuration and the network, then rerun doctor";
  }
}
