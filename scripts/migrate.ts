import { loadConfig } from '../config/env';
import { createMigrator, migrateToLatest } from '../db/migrator';
import { runMain } from '../system/run-main';
import { openConfiguredDatabase } from '../system/system';

/** `npm run migrate` applies pending migrations; `npm run migrate -- down` undoes the newest one. */
runMain(async () => {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    if (process.argv[2] === 'down') {
      const { error, results } = await createMigrator(database.db).migrateDown();
      if (error) throw error;
      console.log(results?.length ? `Undid ${results[0]!.migrationName}` : 'Nothing to undo');
    } else {
      const applied = await migrateToLatest(database.db);
      console.log(applied.length ? `Applied ${applied.join(', ')}` : `${database.description} is up to date`);
    }
  } finally {
    await database.close();
  }
});
