import { z } from 'zod';

/** The registration authority's "create a user" form. */
export const newUserSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9.-]{2,39}$/, 'Enter a username of 3 to 40 lower-case letters, digits, dots or hyphens'),
  display_name: z.string().trim().min(1, 'Enter their full name').max(100, 'Full name must be 100 characters or fewer'),
});

export type NewUser = z.infer<typeof newUserSchema>;
