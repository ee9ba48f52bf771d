import { describe, expect, it } from 'vitest';
import { serviceInputSchema } from '../../domain/directory/service.schema';

// e-RS lets a service definer hold new slots back for the provider for 0, 1 or 2 days (issue 11, item 8).
describe('the reservation period is e-RS’s 0, 1 or 2 days', () => {
  const reservation = serviceInputSchema.shape.reservationHours;
  it.each([0, 24, 48, '24'])('accepts %j hours', (hours) => expect(reservation.safeParse(hours).success).toBe(true));
  it.each([1, 12, 36, 72, 720, -24, 'soon'])('refuses %j hours, saying what it may be', (hours) => {
    const message = reservation.safeParse(hours).error?.issues[0]?.message;
    expect(message).toMatch(/^Reservation period must be (0, 24 or 48 hours \(0, 1 or 2 days\)|a number)$/);
  });
});
