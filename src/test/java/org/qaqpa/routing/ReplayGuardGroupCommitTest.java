package org.qaqpa.routing;

import java.time.Clock;
import org.qaqpa.storage.Database;
import org.qaqpa.storage.GroupCommit;

/**
 * Every {@link ReplayGuardTest} again with the checks committed through a {@link GroupCommit}, as in the
 * gateway: the concurrent cases put many checks, and copies of one messageId, into one transaction.
 */
class ReplayGuardGroupCommitTest extends ReplayGuardTest {

    private GroupCommit writes;

    @Override
    ReplayGuard newGuard(Database database, Clock guardClock) {
        writes = new GroupCommit(database.dataSource(), "test-db-writes");
        return new ReplayGuard(database.dataSource(), writes, WINDOW, SKEW, guardClock);
    }

    @Override
    void closeWrites() throws InterruptedException {
        writes.close();
    }
}
