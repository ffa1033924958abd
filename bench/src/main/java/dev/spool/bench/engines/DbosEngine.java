package dev.spool.bench.engines;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.config.DBOSConfig;

/**
 * DBOS Transact for Java on PostgreSQL, in-process: the workflow is called through DBOS's proxy and
 * returns once complete, as DBOS's documentation shows. Defaults otherwise (its connection pool is
 * fixed at 10 in this version), admin server off.
 */
public final class DbosEngine implements Engine {
  private final DBOS dbos;
  private final DbosSteps steps;
  private final String url;

  public DbosEngine(String url, String user, String password) {
    this.url = url;
    DBOSConfig config =
        DBOSConfig.defaults("spool-bench")
            .withDatabaseUrl(url)
            .withDbUser(user)
            .withDbPassword(password)
            .disableAdminServer();
    this.dbos = new DBOS(config);
    this.steps = dbos.registerProxy(DbosSteps.class, new DbosSteps.Impl(dbos));
    dbos.launch();
  }

  @Override
  public void run(int n) {
    int r = steps.run(n);
    if (r != n) {
      throw new IllegalStateException("DBOS workflow returned " + r);
    }
  }

  @Override
  public String describe() {
    return "DBOS Transact "
        + DBOS.version()
        + " in-process (proxy call returns on completion), PostgreSQL at "
        + url;
  }

  @Override
  public void close() {
    dbos.shutdown();
  }
}
