import { readFileSync } from 'node:fs';
import { loadConfig } from '../config/env';
import { importPatientsCsv } from '../services/patients/patients.service';
import { PATIENT_CSV_COLUMNS } from '../services/patients/patients-csv';
import { runMain } from '../system/run-main';
import { openConfiguredDatabase } from '../system/system';

/**
 * `npm run import:patients -- patients.csv`: people for the local demographics service. The
 * first line names the columns; a file with any bad line imports nothing and lists every
 * problem by line. Prints counts only: never a name or an NHS number.
 */
runMain(async () => {
  const file = process.argv[2];
  if (!file) {
    throw new Error(`Give a patients CSV file (${PATIENT_CSV_COLUMNS.join(',')}): npm run import:patients -- file.csv`);
  }
  const text = readFileSync(file, 'utf8');
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const { imported, problems } = await importPatientsCsv(database.db, text);
    if (problems.length > 0) {
      for (const p of problems) console.error(`${file} line ${p.line}: ${p.message}`);
      console.error(`Nothing imported: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} to fix.`);
      process.exitCode = 1;
      return;
    }
    console.log(`Imported ${imported} patients into ${database.description}`);
  } finally {
    await database.close();
  }
});
