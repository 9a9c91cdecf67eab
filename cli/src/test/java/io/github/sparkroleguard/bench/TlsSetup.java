package io.github.sparkroleguard.bench;

import javax.net.ssl.HttpsURLConnection;

/**
 * What the first HTTPS call of a fresh JVM spends on the JDK's default TLS context (providers,
 * the trust store) before any byte goes out, for bench/coldstart.sh. In Function Compute,
 * {@code SdkWarmup.finish} does this in the initializer hook when an endpoint is HTTPS (always,
 * in production); the loopback emulator speaks HTTP, so the guard's own runs here do not pay it.
 */
public final class TlsSetup {
  private TlsSetup() {}

  public static void main(String[] args) {
    long t0 = System.nanoTime();
    boolean ready = HttpsURLConnection.getDefaultSSLSocketFactory() != null;
    System.out.println("{\"tlsSetupMs\":" + (System.nanoTime() - t0) / 1_000_000 + ",\"ready\":" + ready + "}");
  }
}
