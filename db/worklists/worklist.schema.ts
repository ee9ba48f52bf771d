import { z } from 'zod';
import { prioritySchema } from '../../domain/priorities';

/** Where the previous page ended: the sort key of its last row. */
const cursorSchema = z.object({
  rank: z.number().int().min(0).max(9),
  createdAt: z.iso.datetime({ offset: true }),
  ubrn: z.string().regex(/^\d{12}$/),
});
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.rank, cursor.createdAt, cursor.ubrn])).toString('base64url');
}

/** A cursor from the query string; a tampered or stale one starts again at the first page. */
export function decodeCursor(text: string): Cursor | undefined {
  try {
    const [rank, createdAt, ubrn] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    const parsed = cursorSchema.safeParse({ rank, createdAt, ubrn });
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const optionalText = z
  .string()
  .trim()
  .max(100)
  .transform((v) => v || undefined)
  .optional()
  .catch(undefined);

/**
 * Worklist filters as they arrive in the query string. Filters narrow, they never fail: a
 * value that makes no sense is dropped rather than turning the list into an error page.
 */
export const worklistFiltersSchema = z.object({
  serviceId: optionalText,
  specialty: optionalText,
  clinician: optionalText,
  priority: prioritySchema.optional().catch(undefined),
  /** Referrers: "Me" (my referrals) rather than "My organisation". */
  mine: z
    .preprocess((v) => v === 'me' || v === true, z.boolean())
    .optional()
    .catch(undefined),
  after: z.preprocess((v) => (typeof v === 'string' && v ? decodeCursor(v) : undefined), cursorSchema.optional()),
});
export type WorklistFilters = z.infer<typeof worklistFiltersSchema>;
