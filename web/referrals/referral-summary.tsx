import type { Actor } from '../../domain/actor';
import { displayUbrn, formatNhsNumber } from '../../domain/ids';
import { PRIORITY_LABELS } from '../../domain/priorities';
import { reasonLabel } from '../../domain/reasons';
import type { Referral } from '../../domain/referral';
import { ROLES, isClinicalRole } from '../../domain/roles';
import { STATE_LABELS, STATE_TAG_COLOURS, type ReferralState } from '../../domain/states';
import { type TimelineEvent, timelineEventLabel, timelineReasonText } from '../../domain/timeline';
import { SummaryList, Table, Tag } from '../components/display';
import { formatDate, formatDateTime } from '../components/format';
import { SEX_LABELS } from '../../domain/referral';

const REQUEST_TYPE_LABELS = { DBS: 'Directly bookable', IBS: 'Indirectly bookable', TRIAGE: 'Referral assessment' };

export function StateTag({ state }: { state: ReferralState }) {
  return <Tag colour={STATE_TAG_COLOURS[state]}>{STATE_LABELS[state]}</Tag>;
}

export function BreachTag({ contactBy, breached }: { contactBy?: string | undefined; breached: boolean }) {
  if (breached) return <Tag colour="red">Contact target passed</Tag>;
  if (contactBy) return <span>Contact patient by {formatDate(contactBy)}</span>;
  return null;
}

/** The patient, the request and where it stands. Clinical fields only for clinical roles (e-RS). */
export function ReferralSummary({
  referral,
  actor,
  specialtyLabel,
}: {
  referral: Referral;
  actor: Actor;
  /** "Cardiology / Heart Failure": the DOS names of the specialty and clinic type codes. */
  specialtyLabel?: string | undefined;
}) {
  const r = referral;
  const p = r.patient;
  const clinical = isClinicalRole(actor.role);
  const rows = [
    { key: 'Booking reference (UBRN)', value: displayUbrn(r.ubrn) },
    { key: 'Status', value: <StateTag state={r.state} /> },
    { key: 'Priority', value: PRIORITY_LABELS[r.priority] },
    { key: 'Patient', value: `${p.givenName} ${p.familyName}` },
    { key: 'NHS number', value: formatNhsNumber(p.nhsNumber) },
    { key: 'Date of birth', value: formatDate(p.dateOfBirth) },
    { key: 'Sex', value: SEX_LABELS[p.sex] },
    { key: 'Address', value: [p.address, p.postcode].filter(Boolean).join(', ') },
    { key: 'Contact', value: [p.phone, p.email].filter(Boolean).join(', ') || 'None given' },
    { key: 'Registered practice', value: p.registeredPracticeCode },
    { key: 'Referrer', value: `${r.referrer.clinicianName} (${r.referrer.orgCode})` },
    { key: 'Specialty', value: specialtyLabel ?? [r.specialty, r.clinicType].filter(Boolean).join(' / ') },
    {
      key: 'Service',
      value: r.service ? `${r.service.name} (${REQUEST_TYPE_LABELS[r.service.requestType]})` : 'Not yet chosen',
    },
    { key: 'Appointment', value: <AppointmentText referral={r} /> },
    ...(r.contactBy || r.breached
      ? [{ key: 'Contact target', value: <BreachTag contactBy={r.contactBy} breached={r.breached} /> }]
      : []),
    { key: 'Referral letter', value: <LetterText referral={r} clinical={clinical} /> },
    ...(r.lastReason
      ? [
          {
            key: 'Latest reason',
            value: [reasonLabel(r.lastReason.code), r.lastReason.comment].filter(Boolean).join(': '),
          },
        ]
      : []),
    ...(clinical
      ? [
          { key: 'Reason for referral', value: <Paragraphs text={r.reason} /> },
          { key: 'Clinical information', value: <Paragraphs text={r.clinicalInformation || 'None given'} /> },
          ...(r.advice ? [{ key: 'Advice from triage', value: <Paragraphs text={r.advice} /> }] : []),
        ]
      : []),
    {
      key: 'Shortlist',
      value: (
        <ul class="nhsuk-list">
          {r.shortlist.map((s) => (
            <li>{s.name}</li>
          ))}
        </ul>
      ),
    },
  ];
  return <SummaryList rows={rows} />;
}

function AppointmentText({ referral }: { referral: Referral }) {
  const a = referral.appointment;
  if (!a) {
    return referral.state === 'BOOKED' ? 'The provider will arrange the appointment' : 'No appointment';
  }
  const how = a.arrangedBy === 'PROVIDER' ? 'arranged by the provider' : a.confirmed ? 'confirmed' : 'booked';
  return `${formatDateTime(a.start)} (${how})`;
}

function LetterText({ referral, clinical }: { referral: Referral; clinical: boolean }) {
  const letter = referral.letter;
  if (letter.status === 'TO_FOLLOW') return 'To follow';
  if (clinical && letter.documentId) {
    return (
      <a href={`/referrals/${referral.ubrn}/letter`}>
        View the referral letter{letter.attachedAt ? ` (attached ${formatDateTime(letter.attachedAt)})` : ''}
      </a>
    );
  }
  return 'Attached';
}

/** Free text keeps its line breaks without ever being treated as markup. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((para) => (
        <p class="nhsuk-u-margin-bottom-2">
          {para.split('\n').map((line, i) => (
            <>
              {i > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

/** Every action on the referral, newest first: who, in which role, when, and why. */
export function Timeline({ events }: { events: readonly TimelineEvent[] }) {
  const rows = [...events]
    .sort((a, b) => b.version - a.version)
    .map((e) => [
      formatDateTime(e.at),
      <>
        <strong>{timelineEventLabel(e.type)}</strong>
        <br />
        <span class="nhsuk-body-s">{e.summary}</span>
      </>,
      e.actor ? `${e.actor.displayName}, ${ROLES[e.actor.role].name} (${e.actor.orgCode})` : 'Carepath (automatic)',
      timelineReasonText(e.reason),
      <StateTag state={e.toState} />,
    ]);
  return <Table caption="Timeline" headings={['When', 'What', 'Who', 'Reason', 'Status after']} rows={rows} />;
}
