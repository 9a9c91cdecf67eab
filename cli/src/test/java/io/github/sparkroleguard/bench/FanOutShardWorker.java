package io.github.sparkroleguard.bench;

import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.handler.GuardRuntime;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * One FC instance of the fan-out bench ({@link FanOutBench}): a fresh JVM (started with
 * {@code -Xmx96m}) that reads one shard payload from stdin, invokes the central guard with it, and
 * prints {@code ok=<bool> ms=<invoke time> heapPeakMb=<sum of the heap pools' peaks> accounts=<n>}.
 * Configuration and keys come as they do in FC: a file and the environment.
 */
public final class FanOutShardWorker {
  private FanOutShardWorker() {}

  public static void main(String[] args) throws Exception {
    byte[] payload = System.in.readAllBytes();
    GuardRuntime rt = GuardRuntime.build(ConfigLoader.load(Path.of(args[0]), System::getenv), System::getenv, line -> { });
    long start = System.nanoTime();
    InvocationResult r = rt.invoke(payload);
    long ms = (System.nanoTime() - start) / 1_000_000;
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    System.out.println("ok=" + r.ok() + " ms=" + ms + " heapPeakMb=" + peak / (1024 * 1024) + " maxHeapMb="
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " accounts=" + r.json().path("accounts").size()
        + (r.ok() ? "" : " failure=" + r.failure()));
    System.exit(r.ok() ? 0 : 1);
  }
}
