import type { NativeConnection } from '@temporalio/worker';
import type { Connection } from '@temporalio/client';
import { ADVICE_SEARCH_ATTRIBUTES } from '../workflows/advice.search-attributes';
import { REFERRAL_SEARCH_ATTRIBUTES } from '../workflows/referral.search-attributes';

// temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD
const KEYWORD = 2;
const ALREADY_EXISTS = 6;

/**
 * Registers the search attributes Carepath's workflows set, once per namespace. Idempotent and
 * safe to race: start-up, workers and tests all call it.
 */
export async function ensureSearchAttributes(
  connection: Pick<Connection | NativeConnection, 'operatorService'>,
  namespace: string,
): Promise<void> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = [...Object.values(REFERRAL_SEARCH_ATTRIBUTES), ...Object.values(ADVICE_SEARCH_ATTRIBUTES)]
    .map((key) => key.name)
    .filter((name) => !(name in (customAttributes ?? {})));
  if (missing.length === 0) return;
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((name) => [name, KEYWORD])),
    });
  } catch (error) {
    if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
  }
}
