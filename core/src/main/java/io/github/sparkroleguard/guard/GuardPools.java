package io.github.sparkroleguard.guard;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads a guard inspects roles with: one pool for the roles of a scan, one for their RAM
 * reads. A guard of one account owns its own; a central guard hands the same two to every
 * member's guard, sized for {@code fleet.concurrency} accounts at once, so its threads are bounded
 * by that setting and not by the number of accounts (issue 22). Tasks of the scan pool wait on
 * the read pool, never the other way round, so sharing cannot deadlock.
 */
public final class GuardPools {
  final ExecutorService scans;
  final ExecutorService reads;

  private GuardPools(ExecutorService scans, ExecutorService reads) {
    this.scans = scans;
    this.reads = reads;
  }

  /** One account's pools: {@code ram.concurrency} role scans, five reads per scan (at least 5). */
  public static GuardPools forOneAccount(int ramConcurrency) {
    return of(1, ramConcurrency);
  }

  /** Pools for up to {@code accountsAtOnce} accounts' guards at once, shared by all of them. */
  public static GuardPools of(int accountsAtOnce, int ramConcurrency) {
    return new GuardPools(pool("scan", accountsAtOnce * ramConcurrency),
        pool("ram-read", accountsAtOnce * readsPerAccount(ramConcurrency)));
  }

  /** Most threads these pools ever hold. */
  public static int maxThreads(int accountsAtOnce, int ramConcurrency) {
    return accountsAtOnce * (ramConcurrency + readsPerAccount(ramConcurrency));
  }

  /** Up to five reads per role at once (GetRole, ListPoliciesForRole, a pinned policy, the grants, the pause). */
  private static int readsPerAccount(int ramConcurrency) {
    return Math.max(5, ramConcurrency * 5);
  }

  /** Up to {@code threads} daemon threads, which end after 30 s idle (an instance may sit frozen). */
  private static ExecutorService pool(String name, int threads) {
    ThreadPoolExecutor p = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "guard-" + name);
      t.setDaemon(true);
      return t;
    });
    p.allowCoreThreadTimeOut(true);
    return p;
  }
}
