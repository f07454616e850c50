// For .ci/run: `start` creates a throw-away PostgreSQL cluster and prints shell assignments of
// TEST_DATABASE_URL and POSTGRES_CLUSTER_DIR; `stop <dir>` stops it and removes the directory.
import { startPostgresCluster, stopPostgresCluster } from '../server/testing/postgres-cluster.ts';

const [command, dir] = process.argv.slice(2);
if (command === 'start') {
  const cluster = await startPostgresCluster();
  process.stdout.write(`TEST_DATABASE_URL=${cluster.url}\nPOSTGRES_CLUSTER_DIR=${cluster.dir}\n`);
} else if (command === 'stop' && dir) {
  stopPostgresCluster(dir);
} else {
  process.stderr.write('usage: tsx scripts/postgres-cluster.ts start | stop <dir>\n');
  process.exit(2);
}
