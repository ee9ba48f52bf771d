import { z } from 'zod';
import { roleSchema } from './roles';

/** ODS organisation code: letters and digits, 3 to 10 characters (e.g. "A81001", "RXX"). */
export const odsCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{3,10}$/, 'Organisation (ODS) code must be 3 to 10 letters or digits');

/** Who is acting: one user, in the one organisation and role they picked at login. */
export const actorSchema = z.object({
  userId: z.string().min(1),
  displayName: z.string().min(1),
  role: roleSchema,
  orgCode: odsCodeSchema,
});
export type Actor = z.infer<typeof actorSchema>;
