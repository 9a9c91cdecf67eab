package io.github.sparkroleguard.deploy;

import java.util.Set;

/**
 * Which FC custom runtime s.yaml deploys in a region, in one place with its sources. The guard
 * brings its own JRE (a layer), so any Debian image with glibc 2.28 or newer runs it; the choice
 * is only which image FC documents in the region. Nothing here can be checked from this machine:
 * the README ("Deploying") says how to confirm it in the console before {@code s deploy}.
 */
public final class CustomRuntimes {
  /** Debian 12 (public preview), the newest image. */
  public static final String DEBIAN12 = "custom.debian12";
  /** Debian 10: documented without a region restriction (FC 2.0 and 3.0 custom runtime pages). */
  public static final String DEBIAN10 = "custom.debian10";
  /**
   * [doc: FC "Custom runtimes" (ja, April 2025): Debian 12 "is currently supported in" Hangzhou,
   * Qingdao, Beijing, Zhangjiakou, Hohhot, Chengdu] The English page lists the image without
   * regions, and no page names ap-southeast-1 [conflicting, PLATFORM.md section 9]: the guard
   * uses Debian 12 only where it is named.
   */
  static final Set<String> DEBIAN12_REGIONS =
      Set.of("cn-hangzhou", "cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-chengdu");

  private CustomRuntimes() {}

  /** The custom runtime to deploy in {@code region}: Debian 12 where documented, Debian 10 elsewhere. */
  public static String forRegion(String region) {
    return DEBIAN12_REGIONS.contains(region) ? DEBIAN12 : DEBIAN10;
  }
}
