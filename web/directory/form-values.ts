import type { Context } from 'hono';
import { formRefusal } from '../errors';
import type { FieldErrors } from '../components/forms';

/** A submitted form as strings (multi-valued fields as arrays), kept to show back what was typed. */
export type FormValues = Record<string, string | string[]>;

export async function readForm(c: Context): Promise<FormValues> {
  const body = await c.req.parseBody({ all: true });
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    values[key] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return values;
}

export const one = (values: FormValues, key: string): string => {
  const value = values[key];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
};

export const many = (values: FormValues, key: string): string[] => {
  const value = values[key];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};

/**
 * Runs a directory operation; a refusal that names fields comes back as their messages for
 * the form to show (`formRefusal`), every other error goes on to the app's one error handler.
 */
export async function attempt<T>(
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; errors: FieldErrors }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, errors: formRefusal(error).fields };
  }
}
