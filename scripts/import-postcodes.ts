import { loadConfig } from '../config/env';
import { districtsFromOnspd, readLines, upsertDistricts } from '../db/directory/postcodes';
import { runMain } from '../system/run-main';
import { openConfiguredDatabase } from '../system/system';

/** `npm run import:postcodes -- ONSPD.csv`: postcode district centroids for distance search. */
runMain(async () => {
  const file = process.argv[2];
  if (!file) throw new Error('Give the ONS Postcode Directory CSV file: npm run import:postcodes -- ONSPD.csv');
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const count = await upsertDistricts(database.db, await districtsFromOnspd(readLines(file)));
    console.log(`Imported ${count} postcode districts into ${database.description}`);
  } finally {
    await database.close();
  }
});
