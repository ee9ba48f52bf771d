import { Hono } from 'hono';
import { DIRECTORY_PERMISSIONS } from '../../domain/directory/permissions';
import { rolesFor } from '../../domain/permissions';
import type { AppDeps } from '../deps';
import { requireRole } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { SummaryList } from '../components/display';
import { formatDateTime } from '../components/format';

const REQUEST_TYPES: Record<string, string> = {
  DBS: 'Directly bookable: book an appointment now',
  IBS: 'Indirectly bookable: the provider arranges the appointment',
  TRIAGE: 'Triage: a specialist reviews the referral first',
  ADVICE: 'Advice and guidance',
};

const SEX_TREATED: Record<string, string> = { ANY: 'Any', FEMALE: 'Female patients', MALE: 'Male patients' };

/**
 * A service's details as a referrer choosing it reads them: where it is, its clinicians, its
 * instructions, its waiting time. Opened from every search result (in a new tab, so the
 * search and the working shortlist stay as they were).
 */
export function serviceAboutRoutes(deps: Pick<AppDeps, 'services'>) {
  const app = new Hono();
  app.get('/directory/services/:id/about', requireRole(...rolesFor(DIRECTORY_PERMISSIONS, 'search')), async (c) => {
    const about = await deps.services.directory.serviceAbout(c.get('actor'), c.req.param('id'));
    const s = about.service;
    const lines = (text: string) => (text.trim() === '' ? 'None given' : text);
    return c.html(
      <StaffLayout c={c} title={s.name}>
        <span class="nhsuk-caption-l">{about.providerName}</span>
        <h1 class="nhsuk-heading-l">{s.name}</h1>
        <SummaryList
          rows={[
            { key: 'Location', value: s.location },
            { key: 'Specialty', value: [about.specialtyName, about.clinicTypeName].filter(Boolean).join(' / ') },
            {
              key: 'How referrals are handled',
              value: (
                <ul class="nhsuk-list">
                  {s.requestTypes.map((t) => (
                    <li>{REQUEST_TYPES[t] ?? t}</li>
                  ))}
                </ul>
              ),
            },
            { key: 'Clinicians', value: s.clinicians.length === 0 ? 'None named' : s.clinicians.join(', ') },
            { key: 'Waiting time', value: `About ${s.indicativeWaitDays} days` },
            ...(s.requestTypes.includes('DBS')
              ? [
                  {
                    key: 'Earliest routine appointment',
                    value: about.earliestRoutineSlot
                      ? formatDateTime(about.earliestRoutineSlot)
                      : 'No appointments free now',
                  },
                ]
              : []),
            { key: 'Ages treated', value: `${s.ageMin} to ${s.ageMax}` },
            { key: 'Sex treated', value: SEX_TREATED[s.sexTreated] ?? s.sexTreated },
            { key: 'Referral letter', value: s.letterRequired ? 'Required' : 'Not required' },
            { key: 'Conditions treated', value: lines(s.conditionsTreated) },
            { key: 'Exclusions', value: lines(s.exclusions) },
          ]}
        />
        <h2 class="nhsuk-heading-m">Instructions for referrers</h2>
        {lines(s.instructions)
          .split(/\r?\n/)
          .filter((line) => line.trim() !== '')
          .map((line) => (
            <p>{line}</p>
          ))}
      </StaffLayout>,
    );
  });
  return app;
}
