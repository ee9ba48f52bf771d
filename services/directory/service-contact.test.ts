import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/actor';
import { addLeedsAndManchester } from '../../fixtures/directory';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database';
import { serviceDefinitionService } from './service-definitions';

const definer: Actor = { userId: 'u-def', displayName: 'Dee Finer', role: 'B1107', orgCode: 'RR8' };

const service = {
  name: 'Leeds Heart Failure Clinic',
  requestTypes: ['IBS'],
  specialtyCode: 'CARDIOLOGY',
  location: 'Leeds General Infirmary',
  outcode: 'LS1',
  ageMin: 16,
  ageMax: 120,
  sexTreated: 'ANY',
  conditionsTreated: '',
  exclusions: '',
  letterRequired: false,
  indicativeWaitDays: 30,
  clinicians: [],
  instructions: '',
  national: true,
  pollingRangeDays: 84,
  reservationHours: 0,
};

// The clinic's postal address and telephone, which the patient's letter prints (decision record 0013).
describe('a service’s contact details for the patient letter', () => {
  let database: TestDatabase;
  let definitions: ReturnType<typeof serviceDefinitionService>;
  beforeAll(async () => {
    database = await createTestDatabase();
    await addLeedsAndManchester(database.db);
    definitions = serviceDefinitionService({ db: database.db });
  });
  afterAll(() => database?.destroy());

  const stored = (id: number) =>
    database.db.selectFrom('services').select(['address', 'telephone']).where('id', '=', id).executeTakeFirstOrThrow();

  it('keeps the address and telephone a definer enters, and none when left empty', async () => {
    const id = await definitions.createService(definer, {
      ...service,
      address: ' 1 Great George Street, Leeds LS1 3EX ',
      telephone: '0113 243 2799',
    });
    expect(await stored(id)).toEqual({ address: '1 Great George Street, Leeds LS1 3EX', telephone: '0113 243 2799' });
    await definitions.updateService(definer, id, { ...service, address: '', telephone: '' });
    expect(await stored(id)).toEqual({ address: null, telephone: null });
  });

  it('refuses a telephone number that is not one, naming the field', async () => {
    await expect(
      definitions.createService(definer, { ...service, name: 'Another clinic', telephone: 'call us' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { telephone: 'Enter a telephone number, like 0113 243 2799' },
    });
  });
});
