package io.github.sparkroleguard.config;

import java.util.Objects;

/**
 * What a Spark workspace using a custom execution role needs, as declared in the configuration:
 * its OSS workspace directory, and whether it uses DLF, MaxCompute and KMS-encrypted buckets.
 */
public final class Workspace {
  private final String bucket;
  private final String prefix;
  private final boolean dlf;
  private final boolean maxCompute;
  private final boolean kms;

  public Workspace(String bucket, String prefix, boolean dlf, boolean maxCompute, boolean kms) {
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.prefix = prefix == null ? "" : prefix;
    this.dlf = dlf;
    this.maxCompute = maxCompute;
    this.kms = kms;
  }

  /** Parses oss://bucket/prefix/. */
  static Workspace parse(String ossPath, boolean dlf, boolean maxCompute, boolean kms, String key) {
    if (!ossPath.matches("oss://[a-z0-9][a-z0-9\\-]{1,61}[a-z0-9](/.*)?")) {
      throw new ConfigException(key + ": must be oss://bucket/prefix/");
    }
    String rest = ossPath.substring("oss://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    return new Workspace(bucket, prefix, dlf, maxCompute, kms);
  }

  public String bucket() {
    return bucket;
  }

  public String prefix() {
    return prefix;
  }

  public boolean dlf() {
    return dlf;
  }

  public boolean maxCompute() {
    return maxCompute;
  }

  public boolean kms() {
    return kms;
  }
}
