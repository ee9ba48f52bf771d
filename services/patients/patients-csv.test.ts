import { describe, expect, it } from 'vitest';
import { PATIENT_CSV_COLUMNS, parsePatientsCsv } from './patients-csv';

const HEADER = PATIENT_CSV_COLUMNS.join(',');

describe('reading a patients CSV', () => {
  it('reads people, quoted addresses with commas and quotes included', () => {
    const { records, problems } = parsePatientsCsv(
      [
        HEADER,
        '9434765919,Priya,Raman,1963-08-12,female,"2 Wellington Street, Leeds",LS1 4DL,B86001',
        '',
        '9990000018,Sam,"O""Neill",1950-01-02,MALE,"Flat 1, ""The Old Mill""",e1 1bb,',
      ].join('\r\n'),
    );
    expect(problems).toEqual([]);
    expect(records).toEqual([
      {
        nhsNumber: '9434765919',
        givenName: 'Priya',
        familyName: 'Raman',
        dateOfBirth: '1963-08-12',
        sex: 'female',
        address: '2 Wellington Street, Leeds',
        postcode: 'LS1 4DL',
        registeredPracticeCode: 'B86001',
      },
      {
        nhsNumber: '9990000018',
        givenName: 'Sam',
        familyName: 'O"Neill',
        dateOfBirth: '1950-01-02',
        sex: 'male',
        address: 'Flat 1, "The Old Mill"',
        postcode: 'E1 1BB',
      },
    ]);
  });

  it('names every bad line, and the column at fault', () => {
    const { records, problems } = parsePatientsCsv(
      [
        HEADER,
        '9434765918,Priya,Raman,1963-08-12,female,2 Wellington Street,LS1 4DL,',
        '9434765919,Priya,Raman,1963-02-30,female,2 Wellington Street,LS1 4DL,',
        '9434765919,Priya,Raman,1963-08-12,female,2 Wellington Street,LS1 4DL,',
        '9990000018,Sam,Jones,1950-01-02,male,"1 High Street,E1 1BB,',
        '9990000018,Sam,Jones,1950-01-02,male,1 High Street',
        '9990000026,Ann,Jones,1950-01-02,female,1 High Street,E1 1BB,',
        '9990000026,Ann,Jones,1950-01-02,female,1 High Street,E1 1BB,',
      ].join('\n'),
    );
    expect(problems).toEqual([
      { line: 2, message: expect.stringMatching(/^nhs_number: /) },
      { line: 3, message: expect.stringMatching(/^date_of_birth: /) },
      { line: 5, message: 'A quoted field is not closed' },
      { line: 6, message: 'Expected 8 fields, found 6' },
      { line: 8, message: 'nhs_number: the same NHS number is on line 7' },
    ]);
    expect(records.map((r) => r.nhsNumber)).toEqual(['9434765919', '9990000026']);
  });

  it('refuses a file whose first line does not name the columns', () => {
    expect(parsePatientsCsv('9434765919,Priya\n').problems).toEqual([
      { line: 1, message: `The first line must name the columns: ${HEADER}` },
    ]);
  });
});
